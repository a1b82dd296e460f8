package org.vaesim.kernels.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaesim.models.scenario.ScenarioLoader;

/** Participating cohorts are laid out in index order, with principal groups, contiguous columns and blocks. */
class ParticipantsTest {

    /** Only the cohort a participant names matters here. */
    private record Entry(int cohort) {
    }

    @Test
    void laysOutCohortsInIndexOrderWithGroupsColumnsAndBlocks() throws Exception {
        // cohorts 0..3: a (p1, 300 agents), b (p2, 10), c (p1, 600), d (p3, 5); b does not take part
        Layout layout = new Layout(ScenarioLoader.parse("""
                { "name": "hand", "seed": 1, "epochs": 1,
                  "markets": [ {"name": "m", "resource": "compute", "tick_size": 1, "ticks": 100, "initial_price": 1} ],
                  "population": [
                    {"name": "a", "strategy": "bidder", "market": "m", "count": 300, "cash": 10, "principal": "p1"},
                    {"name": "b", "strategy": "bidder", "market": "m", "count": 10, "cash": 10, "principal": "p2"},
                    {"name": "c", "strategy": "bidder", "market": "m", "count": 600, "cash": 10, "principal": "p1"},
                    {"name": "d", "strategy": "bidder", "market": "m", "count": 5, "cash": 10, "principal": "p3"} ] }
                """, "participants"));
        // named out of order: the layout follows the population, not the list
        Participants<Entry> p = Participants.of(List.of(new Entry(3), new Entry(0), new Entry(2)), Entry::cohort,
                layout);

        assertEquals(List.of(0, 2, 3), p.placed().stream().map(x -> x.spec().cohort()).toList());
        assertEquals(List.of("p1", "p3"), p.groups(), "principals numbered by first appearance; p2 takes no part");
        assertEquals(List.of(0, 0, 1), p.placed().stream().map(Participants.Placed::group).toList());
        assertEquals(List.of(0, 300, 900), p.placed().stream().map(Participants.Placed::column).toList());
        // blocks of 256: a needs 2, c 3, d 1
        assertEquals(List.of(0, 2, 5), p.placed().stream().map(Participants.Placed::blockBase).toList());
        assertEquals(List.of(2, 3, 1), p.placed().stream().map(Participants.Placed::blocks).toList());
        assertEquals(905, p.agents());
        assertEquals(6, p.blocks());
        assertEquals(900, p.groupAgents(0));
        assertEquals(5, p.groupAgents(1));
        assertEquals(layout.segments().get(2), p.placed().get(1).segment());
    }

    @Test
    void noParticipantsLayOutNothing() throws Exception {
        Layout layout = new Layout(ScenarioLoader.parse("""
                { "name": "hand", "seed": 1, "epochs": 1,
                  "markets": [ {"name": "m", "resource": "compute", "tick_size": 1, "ticks": 100, "initial_price": 1} ],
                  "population": [ {"name": "a", "strategy": "bidder", "market": "m", "count": 3, "cash": 10} ] }
                """, "participants"));
        Participants<Entry> p = Participants.of(List.of(), Entry::cohort, layout);
        assertEquals(List.of(), p.placed());
        assertEquals(List.of(), p.groups());
        assertEquals(0, p.agents());
        assertEquals(0, p.blocks());
    }
}
