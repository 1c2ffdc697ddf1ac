package org.modelops.governance.mlflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MLflow's search grammar, page tokens and names, as this registry reads them. */
class MlflowGrammarTest {

    @Test
    void clausesJoinedByAndAreReadWithTheirKeysComparatorsAndValues() {
        var clauses = SearchFilter.parse("name ILIKE 'FRAUD%' AND tags.`mlflow.prompt.is_prompt` != 'true' and"
                + " tag.team = 'it''s'", SearchFilter.MODELS);
        assertThat(clauses).containsExactly(
                new SearchFilter.Clause(SearchFilter.KeyType.ATTRIBUTE, "name", "ILIKE", List.of("FRAUD%")),
                new SearchFilter.Clause(SearchFilter.KeyType.TAG, "mlflow.prompt.is_prompt", "!=", List.of("true")),
                new SearchFilter.Clause(SearchFilter.KeyType.TAG, "team", "=", List.of("it's")));
    }

    @Test
    void versionsCompareNumbersAndListRunIds() {
        var clauses = SearchFilter.parse("name = 'a AND b' AND version_number >= 2 AND run_id IN ('r1', 'r2')",
                SearchFilter.VERSIONS);
        assertThat(clauses).extracting(SearchFilter.Clause::comparator).containsExactly("=", ">=", "IN");
        assertThat(clauses.get(0).value()).isEqualTo("a AND b");
        assertThat(clauses.get(2).values()).containsExactly("r1", "r2");
    }

    @Test
    void orParenthesesUnknownKeysAndListsOutsideRunIdAreRefused() {
        for (var filter : List.of("name = 'a' OR name = 'b'", "(name = 'a')", "description = 'x'",
                "name IN ('x')", "name < 'x'", "name = ", "version_number > 1")) {
            assertThatThrownBy(() -> SearchFilter.parse(filter, SearchFilter.MODELS)).as(filter)
                    .isInstanceOfSatisfying(MlflowError.class, error -> assertThat(error.code())
                            .isEqualTo(MlflowError.Code.INVALID_PARAMETER_VALUE));
        }
        assertThatThrownBy(() -> SearchFilter.parse("current_stage = 'Production'", SearchFilter.VERSIONS))
                .hasMessageContaining("Valid keys are '{'name', 'run_id', 'version_number', 'source_path'}'");
    }

    @Test
    void pageTokensAreMlflowsBase64Offsets() {
        assertThat(PageToken.of(2)).isEqualTo("eyJvZmZzZXQiOiAyfQ==");
        assertThat(PageToken.offset("eyJvZmZzZXQiOiAyfQ==")).isEqualTo(2);
        assertThat(PageToken.offset(null)).isZero();
        assertThatThrownBy(() -> PageToken.offset("garbage")).hasMessageContaining("base64");
        assertThatThrownBy(() -> PageToken.offset("e30=")).isInstanceOf(MlflowError.class);
    }

    @Test
    void orderByKeysFollowEachSearch() {
        assertThat(SearchOrder.parse(List.of("name DESC", "timestamp"), SearchOrder.MODELS, SearchOrder.MODEL_KEYS))
                .containsExactly(new SearchOrder("name", true), new SearchOrder("updated", false));
        assertThat(SearchOrder.parse(List.of("last_updated_timestamp DESC", "creation_timestamp"),
                SearchOrder.VERSIONS, SearchOrder.VERSION_KEYS)).containsExactly(new SearchOrder("updated", true),
                        new SearchOrder("created", false));
        assertThatThrownBy(() -> SearchOrder.parse(List.of("creation_timestamp DESC"), SearchOrder.MODELS,
                SearchOrder.MODEL_KEYS)).hasMessageContaining("Invalid order by key 'creation_timestamp'");
    }

    @Test
    void tagKeysMustNotResolveToAnotherPath() {
        TagRules.check("modelops.metric.auc", "0.9");
        TagRules.check("a/b: c-d", "");
        assertThatThrownBy(() -> TagRules.check("bad/../key", "x")).hasMessageContaining("would resolve to 'key'");
        assertThatThrownBy(() -> TagRules.check("bad!", "x")).isInstanceOf(MlflowError.class);
    }

    @Test
    void theLifecyclesAliasesAreGovernedAndReservedNamesRefused() {
        assertThat(Aliases.governed("Champion")).isTrue();
        assertThat(Aliases.governed("challenger")).isTrue();
        assertThat(Aliases.governed("staging")).isFalse();
        for (var alias : List.of("latest", "LATEST", "v2", "bad alias!")) {
            assertThatThrownBy(() -> Aliases.check(alias)).as(alias).isInstanceOf(MlflowError.class);
        }
        Aliases.check("blue-green_1");
    }

    @Test
    void missingEvidenceNamesTheTagThatProvidesIt() {
        assertThat(EvidenceTags.hint("required-metadata:intendedUse")).contains("modelops.intended_use");
        assertThat(EvidenceTags.hint("kpi:auc")).contains("modelops.metric.auc");
        assertThat(EvidenceTags.hint("fairness:recall")).isNull();
    }
}
