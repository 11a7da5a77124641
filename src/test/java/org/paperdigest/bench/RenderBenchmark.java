package org.paperdigest.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.paperdigest.render.RenderedEmail;

/**
 * Rendering alone: one personalised digest (subject, HTML and text, with signed links) per
 * operation, on one thread, so the score is digests per second per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RenderBenchmark {
    private DigestFixture fixture;
    private long next;

    @Setup
    public void setUp() {
        fixture = new DigestFixture();
    }

    @Benchmark
    public RenderedEmail personalised_digest() {
        long i = next++;
        return fixture.composer.render(7, DigestFixture.ISSUE_DATE, DigestFixture.reader(i),
                DigestFixture.PICKS.get((int) (i % DigestFixture.PICKS.size())));
    }
}
