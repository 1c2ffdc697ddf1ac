package org.modelops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.CanonicalForm;
import org.modelops.audit.ChainVerifier;

class PreloaderTest {

    @Test
    void theFullSizeIsTheIssues() {
        var sizes = Preloader.PreloadOptions.parse(new String[0]).sizes();

        assertThat(sizes).isEqualTo(new Preloader.Sizes(2_000, 100_000, 1_000_000, 10_000));
        assertThat(sizes.lifecycleModels()).isEqualTo(1_000);
        assertThat(sizes.bulkVersions()).isEqualTo(90_000);
    }

    @Test
    void theQuickSizeIsATenth() {
        var sizes = Preloader.PreloadOptions.parse(new String[]{"--size", "quick"}).sizes();

        assertThat(sizes).isEqualTo(new Preloader.Sizes(200, 10_000, 100_000, 1_000));
    }

    @Test
    void sizesMustLeaveAPastVersionPerModel() {
        assertThatThrownBy(() -> Preloader.PreloadOptions.parse(new String[]{"--models", "100", "--versions", "150",
                "--lifecycles", "100"})).isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("past version per model");
    }

    @Test
    void theLoadedEventsFormAChainTheVerifierAccepts() {
        var preloader = new Preloader(Preloader.PreloadOptions.parse(new String[]{"--models", "7", "--versions",
                "40", "--audit-events", "1000", "--lifecycles", "3"}));
        var prefix = preloader.versionPrefix();
        var origin = Instant.parse("2025-12-01T00:00:00Z");
        var verifier = ChainVerifier.fromGenesis();
        var previous = AuditEvent.GENESIS_HASH;
        var subjects = new HashSet<String>();
        Instant last = Instant.MIN;
        for (long i = 0; i < 1_000; i++) {
            var event = preloader.eventAt(i, 1_000, origin, prefix, i + 1, previous);
            assertThat(verifier.accept(event)).as("event %d", i + 1).isTrue();
            assertThat(event.hash()).isEqualTo(CanonicalForm.hash(event));
            assertThat(event.occurredAt()).isAfterOrEqualTo(last);
            last = event.occurredAt();
            subjects.add(event.subject().id());
            previous = event.hash();
        }
        assertThat(verifier.result().ok()).isTrue();
        // 37 past versions, ten events each, every one of them covered once the load goes round
        assertThat(subjects).hasSize(37).contains("preload-c00001/1", "preload-l00003/5");
    }

    @Test
    void copyRowsEscapeWhatTheTextFormatReserves() {
        var out = new StringBuilder();

        Preloader.row(out, "a\tb", null, "back\\slash", "two\nlines\r");

        assertThat(out).hasToString("a\\tb\t\\N\tback\\\\slash\ttwo\\nlines\\r\n");
    }
}
