package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one pass over a scenario document, in document order, so that a file with several mistakes is
 * reported whole rather than one error per attempt. The readers check each independent part (a top-level field,
 * a market, a cohort, an event...) through {@link #attempt}: a part in error is recorded and the walk goes on
 * with the next. A part that others refer to (the markets, for the cohorts' price grids) must be free of errors
 * for those to be checked; what is skipped so is named by {@link #skip}, never reported as an error of its own.
 */
final class Problems {
    /** One part's check, which may fail with its first error. */
    interface Check<T> {
        T run() throws ConfigException;
    }

    private final List<ConfigException> errors = new ArrayList<>();
    private final List<String> notChecked = new ArrayList<>();

    /** The value of {@code check}, or null once its error is recorded. */
    <T> T attempt(Check<T> check) {
        try {
            return check.run();
        } catch (ConfigException e) {
            errors.add(e);
            return null;
        }
    }

    /**
     * {@code node} as an object whose fields are all in {@code allowed}: each unknown field is recorded, and the
     * known ones can still be read, since a misspelt field does not change what the others mean.
     */
    Node object(Node node, List<String> allowed) throws ConfigException {
        errors.addAll(node.object().unknownFields(allowed));
        return node;
    }

    /** The object field {@code name} of {@code parent} as {@link #object} reads it; an empty object when missing. */
    Node optionalObject(Node parent, String name, List<String> allowed) throws ConfigException {
        Node field = parent.field(name);
        return field.isMissing() ? parent.optionalObject(name, allowed) : object(field, allowed);
    }

    /** Records that the part at {@code path} was not checked because a part it depends on is in error. */
    void skip(String path) {
        notChecked.add(path);
    }

    /** Throws the first error, carrying all of them, if there is any. */
    void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw ConfigException.of(errors, notChecked);
        }
    }
}
