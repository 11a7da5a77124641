package org.paperdigest.subscribers;

import java.time.Clock;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.paperdigest.App;
import org.paperdigest.testing.TestEnv;

/** The same imports on PostgreSQL: the duplicate ledger and the rolled-back dry run run on both databases. */
@EnabledIfEnvironmentVariable(named = "DIGEST_TEST_POSTGRES_URL", matches = ".+")
class PostgresSubscriberImportFilesTest extends SubscriberImportFilesTest {
    private final java.util.List<App> mine = new java.util.ArrayList<>();

    @Override
    App app(String name) {
        App app = new App(TestEnv.postgresIn(dir.resolve(name)).config(), Clock.systemUTC());
        mine.add(app);
        return app;
    }

    @org.junit.jupiter.api.AfterEach
    void closeMine() {
        mine.forEach(App::close);
    }
}
