package org.paperdigest.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.paperdigest.config.BadInputException;
import org.paperdigest.config.DatabaseConfig;
import org.paperdigest.config.Secrets;
import org.paperdigest.config.DatabaseConfig.Dialect;

/**
 * Owns the connection pool for SQLite or PostgreSQL and brings the schema up to date with Flyway
 * when opened. SQLite runs in WAL mode with IMMEDIATE transactions, so writers queue instead of
 * failing with "database is locked".
 */
public final class Database implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    /**
     * SQLite takes one writer at a time, and a writer that finds the file locked sleeps and polls
     * (1, 2, 5, 10 … ms): within this process, write transactions queue here instead, in order, and
     * the next one starts the moment the last commits. Other processes still meet SQLite's busy wait. Null
     * for PostgreSQL, where writers do not exclude each other.
     */
    private final ReentrantLock writers;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.writers = config.dialect() == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    /** Opens the pool and migrates the schema; bad URLs and unreachable servers fail with a clear message. */
    public static Database open(DatabaseConfig config, int poolSize) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.url());
        hc.setPoolName("paper-digest-db");
        hc.setMaximumPoolSize(Math.max(2, poolSize));
        // A sender waits out an outage step by step; one step longer than a third of the grace only delays its stop.
        hc.setConnectionTimeout(Math.max(1000, Math.min(30_000, config.outageGrace().toMillis() / 3)));
        if (config.username() != null) {
            hc.setUsername(config.username());
        }
        if (config.password() != null) {
            hc.setPassword(config.password());
        }
        if (config.dialect() == Dialect.SQLITE) {
            createParentDirectory(config);
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            // Waiting longer for a locked file than a sender waits out an outage would only delay its stop.
            long busy = Math.max(1000, Math.min(30_000, config.outageGrace().toMillis() / 3));
            hc.addDataSourceProperty("busy_timeout", String.valueOf(busy));
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
            hc.addDataSourceProperty("ApplicationName", "paper-digest");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            throw openFailure(config, e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException e) {
            throw new BadInputException("Cannot open the database at DIGEST_DB_URL=" + redacted(config) + ": "
                    + Secrets.mask(e.getMessage()), e);
        }
        Database db = new Database(config, ds);
        try {
            db.migrate();
        } catch (FlywayException e) {
            ds.close();
            throw new IllegalStateException("Cannot bring the schema of " + config + " up to date: " + Secrets.mask(e.getMessage()), e);
        }
        return db;
    }

    private static RuntimeException openFailure(DatabaseConfig config, Throwable cause) {
        String message = "Cannot open the database at DIGEST_DB_URL=" + redacted(config) + ": " + Secrets.mask(cause.getMessage());
        if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            // Connection refused or lost: the configuration may be right and the server down.
            return new DatabaseUnavailableException(message, cause);
        }
        if (String.valueOf(cause.getMessage()).contains("SQLITE_CANTOPEN") && DatabaseConfig.sqliteFile(config.url()).filter(Files::isRegularFile).isPresent()) {
            // The file is there, so the setting is right: the file system refuses it (read-only, permissions).
            return new DatabaseUnavailableException(message, cause);
        }
        return new BadInputException(message, cause);
    }

    private static String redacted(DatabaseConfig config) {
        return Secrets.mask(config.url());
    }

    private static void createParentDirectory(DatabaseConfig config) {
        Optional<Path> file = DatabaseConfig.sqliteFile(config.url());
        if (file.isEmpty()) {
            return;
        }
        Path parent = file.get().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new BadInputException("Cannot create the directory " + parent + " for DIGEST_DB_URL=" + redacted(config)
                    + ": " + e.getMessage(), e);
        }
        // SQLite gives its -wal and -shm files the database file's permissions: owner only for all three.
        Path db = file.get();
        try {
            PrivateFiles.createIfAbsent(db);
            PrivateFiles.restrict(Path.of(db + "-wal"));
            PrivateFiles.restrict(Path.of(db + "-shm"));
        } catch (java.nio.file.FileSystemException e) {
            if (!Files.exists(db)) {
                throw new BadInputException("Cannot create the database file " + db + ": " + e.getMessage(), e);
            }
            // An existing file we may not change (a read-only mount, another owner): opening it says
            // what is wrong in the words of the failure ("permission denied at …").
            log.warn("Cannot make the database file {} readable by its owner only: {}", db, e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("Cannot make the database file " + db + " readable by its owner only: " + e.getMessage(), e);
        }
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + (dialect() == Dialect.SQLITE ? "sqlite" : "postgresql"))
                .baselineOnMigrate(false)
                .load()
                .migrate();
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Loads the named SQL blocks of {@code sql/<file>} for this database's dialect. */
    public SqlStatements statements(String file) {
        return SqlStatements.load(file, dialect());
    }

    /** Borrows a connection from the pool; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs work in one transaction, committing on success and rolling back on any failure. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (writers == null) {
                return transaction(c, work);
            }
            writers.lock();
            try {
                return transaction(c, work);
            } finally {
                writers.unlock();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Database transaction failed: " + e.getMessage(), e);
        }
    }

    private <T> T transaction(Connection c, Work<T> work) throws SQLException {
        begin(c);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                // SQLite may have rolled back already (a full disk does): keep the real failure.
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Starts a transaction. SQLite begins at once (IMMEDIATE) and may find the file locked; its
     * driver then believes a transaction is open when none is, so the connection is dropped from
     * the pool rather than handed to the next caller in that state.
     */
    private void begin(Connection c) throws SQLException {
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            dataSource.evictConnection(c);
            throw e;
        }
    }

    /** Runs work on one pooled connection in autocommit mode. */
    public <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException("Database access failed: " + e.getMessage(), e);
        }
    }

    /** A unit of database work that may throw SQLException. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
