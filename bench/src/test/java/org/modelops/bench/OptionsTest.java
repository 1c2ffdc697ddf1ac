package org.modelops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void measuresOneTwoAndSixteenClientsForTwentySecondsByDefault() {
        var options = Options.parse(new String[0]);

        assertThat(options.clients()).containsExactly(1, 4, 16);
        assertThat(options.seconds()).isEqualTo(20);
        assertThat(options.warmup()).isEqualTo(5);
        assertThat(options.kinds()).containsExactlyInAnyOrder(Options.Kind.API, Options.Kind.JDBC,
                Options.Kind.FLOWABLE);
        assertThat(options.states()).containsExactly(new Options.State(null, "http://localhost:8080"));
    }

    @Test
    void quickShortensEveryRowUnlessTheRowLengthIsGiven() {
        var quick = Options.parse(new String[]{"--quick"});
        var quickLonger = Options.parse(new String[]{"--quick", "--seconds", "8"});

        assertThat(quick.seconds()).isEqualTo(5);
        assertThat(quick.warmup()).isEqualTo(2);
        assertThat(quickLonger.seconds()).isEqualTo(8);
        assertThat(quickLonger.warmup()).isEqualTo(2);
    }

    @Test
    void statesNameTheServiceOfEachDatabaseState() {
        var options = Options.parse(new String[]{"--states", "fresh=http://127.0.0.1:28490/,preloaded=http://h:1"});

        assertThat(options.states()).isEqualTo(List.of(new Options.State("fresh", "http://127.0.0.1:28490"),
                new Options.State("preloaded", "http://h:1")));
    }

    @Test
    void aStateWithoutItsUrlIsRefused() {
        assertThatThrownBy(() -> Options.parse(new String[]{"--states", "fresh"}))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("NAME=URL");
    }

    @Test
    void anMlflowUrlAddsTheMlflowRows() {
        var options = Options.parse(new String[]{"--mlflow-url", "http://127.0.0.1:5000/"});

        assertThat(options.kinds()).contains(Options.Kind.MLFLOW);
        assertThat(options.mlflowUrl()).isEqualTo("http://127.0.0.1:5000");
    }

    @Test
    void theMlflowRowsNeedAnMlflowUrl() {
        assertThatThrownBy(() -> Options.parse(new String[]{"--only", "mlflow"}))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("--mlflow-url");
    }
}
