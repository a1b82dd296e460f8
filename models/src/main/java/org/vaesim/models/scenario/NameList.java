package org.vaesim.models.scenario;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Names in order whose {@link #indexOf} is a hash lookup. The readers look a cohort or principal up once per
 * event, bidder and rule ({@link Node#requiredOneOf}); with a plain list a scenario of 2,000 cohorts and 700,000
 * events took half a minute to validate, quadratic in the two.
 */
final class NameList extends AbstractList<String> implements RandomAccess {
    private final List<String> names;
    private final Map<String, Integer> index;

    /** {@code names} in order; a repeated name is found at its first place. */
    NameList(List<String> names) {
        this.names = List.copyOf(names);
        this.index = new HashMap<>(names.size() * 2);
        for (int i = 0; i < this.names.size(); i++) {
            index.putIfAbsent(this.names.get(i), i);
        }
    }

    @Override
    public String get(int i) {
        return names.get(i);
    }

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public int indexOf(Object name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    @Override
    public boolean contains(Object name) {
        return index.containsKey(name);
    }
}
