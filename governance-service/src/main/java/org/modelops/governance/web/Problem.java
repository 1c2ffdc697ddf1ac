package org.modelops.governance.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.modelops.governance.shared.FieldViolation;

/**
 * RFC 9457 problem details. {@code type} is a relative URI {@code /problems/<rule>} documented in docs/api.md;
 * {@code errors} lists each broken rule of the request with its field.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
        @Nullable List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
