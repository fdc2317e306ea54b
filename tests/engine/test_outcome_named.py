"""An outcome is reported under the name its odds had ("Russia vetoes 80%" -> "Russia vetoes —
the veto costs weeks…"), so the player finds in the report the outcome they saw a chance of."""

from __future__ import annotations

from redline.engine.game import Game


def test_every_rolled_outcome_is_said_with_the_label_its_odds_had(shipped):
    seen = 0
    for scenario in shipped:
        labels = {
            (o.card_id, o.id, oc.model.id): oc.model.label
            for c in scenario.cards
            for o in c.options
            for oc in o.outcomes
        }
        for seed in range(6):
            game = Game.start(scenario, seed)
            while not game.state.is_over:
                legal = game.state.legal_actions()
                game.apply(legal[seed % len(legal)])
            for e in game.all_events():
                if e.kind != "outcome" or e.ref is None:
                    continue
                label = labels[(e.ref.id, e.ref.option, e.ref.outcome)]
                if label:
                    assert e.text.startswith(label.rstrip(".")) or label in e.text, (label, e.text)
                    seen += 1
    assert seen
