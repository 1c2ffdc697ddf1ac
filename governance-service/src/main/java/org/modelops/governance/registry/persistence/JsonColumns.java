package org.modelops.governance.registry.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads and writes JSONB columns with the service's JSON mapper. */
@Singleton
final class JsonColumns {

    private final JsonMapper json;

    JsonColumns(JsonMapper json) {
        this.json = json;
    }

    String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T read(String column, Argument<T> type) {
        if (column == null) {
            return null;
        }
        try {
            return json.readValue(column, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable JSON column", e);
        }
    }
}
