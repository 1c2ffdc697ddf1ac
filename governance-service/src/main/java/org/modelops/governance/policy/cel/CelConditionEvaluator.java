package org.modelops.governance.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.parser.CelStandardMacro;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.modelops.governance.policy.model.ConditionEvaluator;

/**
 * Custom policy conditions in CEL (github.com/google/cel-spec), compiled once per expression and type-checked
 * against {@code metrics: map(string, double)}, {@code sliceMetrics: map(string, map(string, double))},
 * {@code params: map(string, dyn)} and {@code tags: map(string, string)}; the result must be a bool.
 */
@Singleton
public class CelConditionEvaluator implements ConditionEvaluator {

    private final Cel cel = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("metrics", MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
            .addVar("sliceMetrics",
                    MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DOUBLE)))
            .addVar("params", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("tags", MapType.create(SimpleType.STRING, SimpleType.STRING))
            .setResultType(SimpleType.BOOL)
            .build();
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    /** Compiles and type-checks; throws {@link IllegalArgumentException} naming the problem. */
    public void check(String expression) {
        program(expression);
    }

    @Override
    public boolean evaluate(String expression, Map<String, Object> evidence) {
        try {
            var variables = new LinkedHashMap<String, Object>(evidence);
            if (evidence.get("params") instanceof Map<?, ?> params) {
                var celParams = new LinkedHashMap<String, Object>();
                params.forEach((name, value) -> celParams.put(String.valueOf(name), celValue(value)));
                variables.put("params", celParams);
            }
            return Boolean.TRUE.equals(program(expression).eval(variables));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private CelRuntime.Program program(String expression) {
        return programs.computeIfAbsent(expression, source -> {
            try {
                return cel.createProgram(cel.compile(source).getAst());
            } catch (CelValidationException | CelEvaluationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    private static Object celValue(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return value;
    }
}
