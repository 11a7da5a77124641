package org.paperdigest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.CatalogLoader;
import org.paperdigest.catalog.CatalogImport;
import org.paperdigest.catalog.CatalogStore;
import org.paperdigest.catalog.ImportFormats;
import org.paperdigest.catalog.PaperLookup;
import org.paperdigest.catalog.SourceRefresh;
import org.paperdigest.catalog.SourceStates;
import org.paperdigest.catalog.TopicTable;
import org.paperdigest.catalog.sources.ArxivLookup;
import org.paperdigest.catalog.sources.BibtexFormat;
import org.paperdigest.catalog.sources.CatalogJsonFormat;
import org.paperdigest.catalog.sources.CrossrefLookup;
import org.paperdigest.catalog.sources.CslJsonFormat;
import org.paperdigest.catalog.sources.FeedFormat;
import org.paperdigest.catalog.sources.HttpFeedFetcher;
import org.paperdigest.catalog.sources.SourceHttp;
import org.paperdigest.catalog.LiveCatalog;
import org.paperdigest.catalog.Picker;
import org.paperdigest.config.Config;
import org.paperdigest.config.CronSchedule;
import org.paperdigest.config.DatabaseConfig;
import org.paperdigest.config.DigestConfig;
import org.paperdigest.db.Database;
import org.paperdigest.db.SenderLock;
import org.paperdigest.delivery.DeliveryWorker;
import org.paperdigest.schedule.CronFireTimes;
import org.paperdigest.schedule.DigestScheduler;
import org.paperdigest.inbound.BounceMailbox;
import org.paperdigest.inbound.ReportChecker;
import org.paperdigest.inbound.ReportOrigins;
import org.paperdigest.deliverability.BounceClassifier;
import org.paperdigest.inbound.BounceProcessor;
import org.paperdigest.delivery.DigestComposer;
import org.paperdigest.delivery.Dispatcher;
import org.paperdigest.delivery.IssuePlanner;
import org.paperdigest.delivery.IssueViewer;
import org.paperdigest.delivery.IssueReaders;
import org.paperdigest.delivery.PreSendLint;
import org.paperdigest.delivery.IssueStore;
import org.paperdigest.delivery.Outbox;
import org.paperdigest.delivery.SendPolicy;
import org.paperdigest.delivery.SendService;
import org.paperdigest.delivery.EditorReport;
import org.paperdigest.delivery.RateLimits;
import org.paperdigest.delivery.ScheduleArming;
import org.paperdigest.delivery.Runway;
import org.paperdigest.inbound.InboundPoller;
import org.paperdigest.inbound.MailCommands;
import org.paperdigest.mail.DkimSigning;
import org.paperdigest.mail.Mailbox;
import org.paperdigest.mail.Mailer;
import org.paperdigest.mail.MessageLint;
import org.paperdigest.membership.AddressLimit;
import org.paperdigest.membership.Courier;
import org.paperdigest.membership.DigestSchedule;
import org.paperdigest.membership.Membership;
import org.paperdigest.membership.Notices;
import org.paperdigest.membership.RequestLimit;
import org.paperdigest.render.DigestRenderer;
import org.paperdigest.render.NoticeRenderer;
import org.paperdigest.subscribers.BounceAddresses;
import org.paperdigest.subscribers.BounceStore;
import org.paperdigest.subscribers.Consent;
import org.paperdigest.subscribers.MessageIds;
import org.paperdigest.web.WebServer;
import org.paperdigest.subscribers.LinkSigner;
import org.paperdigest.subscribers.SubscriberCsv;
import org.paperdigest.subscribers.SubscriberStore;
import org.slf4j.LoggerFactory;

/**
 * Builds paper-digest's objects from the configuration and wires them by hand. Parts are made on
 * first use, so a command only opens what it needs (checking the catalog opens no database).
 */
public final class App implements AutoCloseable {
    private final Config config;
    private final Clock clock;
    private final String instanceId;

    private CatalogStore catalogStore;
    private LiveCatalog liveCatalog;
    private DigestRenderer renderer;
    private Database database;
    private SubscriberStore subscribers;
    private Consent consent;
    private IssueStore issues;
    private Outbox outbox;
    private Mailer mailer;
    private SendService sendService;
    private SenderLock senderLock;
    private BounceStore bounces;
    private Membership membership;
    private WebServer webServer;

    public App(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.instanceId = hostName() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** Identifies this process in claims and logs. */
    public String instanceId() {
        return instanceId;
    }

    /** The catalog as it is now in the database (published papers are the ones picked and shown). */
    public Catalog catalog() {
        return liveCatalog().now();
    }

    /**
     * The catalog in the database. On first start it is seeded from DIGEST_CATALOG or the bundled
     * catalog; when DIGEST_CATALOG is set, the file is synced by id on every start.
     */
    public synchronized CatalogStore catalogStore() {
        if (catalogStore == null) {
            catalogStore = new CatalogStore(database(), clock);
            Path file = config.digest().catalog();
            Catalog seed = new CatalogLoader().load(file);
            if (!catalogStore.seedIfEmpty(seed) && file != null) {
                CatalogStore.SyncReport r = catalogStore.sync(seed);
                if (r.added() + r.updated() > 0) {
                    LoggerFactory.getLogger(App.class).info("Catalog file {} synced: {} added, {} updated", file, r.added(), r.updated());
                }
            }
        }
        return catalogStore;
    }

    /** Brings entries from files, arXiv, Crossref and feeds into the catalog, mapping categories to topics. */
    public CatalogImport catalogImport() {
        return new CatalogImport(catalogStore(), TopicTable.bundled(config.catalog().arxivTopics()));
    }

    /** The file formats {@code catalog import} reads. */
    public ImportFormats importFormats() {
        return new ImportFormats(new CatalogJsonFormat(), new CslJsonFormat("csl-json"),
                List.of(new BibtexFormat(), new FeedFormat("feed")));
    }

    /** The arXiv API (DIGEST_ARXIV_API_URL), spaced as arXiv asks. */
    public PaperLookup arxiv() {
        return new ArxivLookup(config.catalog().arxivApi(), sourceHttp(), clock, ArxivLookup.PAUSE);
    }

    /** Crossref (DIGEST_CROSSREF_API_URL), for papers known by DOI. */
    public PaperLookup crossref() {
        return new CrossrefLookup(config.catalog().crossrefApi(), sourceHttp());
    }

    private SourceHttp sourceHttp() {
        return new SourceHttp(config.catalog().sourcesTimeout(), SourceHttp.DEFAULT_MAX_BYTES);
    }

    /** Fetches DIGEST_SOURCES into the catalog (drafts unless DIGEST_SOURCES_AUTO_PUBLISH). */
    public SourceRefresh sourceRefresh() {
        return new SourceRefresh(config.catalog().sources(), new HttpFeedFetcher(sourceHttp()),
                new SourceStates(database(), clock), url -> new FeedFormat(url.toString()), catalogImport(),
                config.catalog().autoPublish());
    }

    /** The database's catalog, rechecked every few seconds, for the picker, the digest and the web pages. */
    public synchronized LiveCatalog liveCatalog() {
        if (liveCatalog == null) {
            liveCatalog = new LiveCatalog(catalogStore(), clock, Duration.ofSeconds(5));
        }
        return liveCatalog;
    }

    public synchronized DigestRenderer renderer() {
        if (renderer == null) {
            Path dir = config.digest().templates();
            if (dir != null) {
                renderer = new DigestRenderer(dir);
            } else if (Files.isDirectory(Path.of("templates"))) {
                renderer = new DigestRenderer(Path.of("templates"));
            } else {
                renderer = DigestRenderer.bundled();
            }
        }
        return renderer;
    }

    public synchronized Database database() {
        if (database == null) {
            database = Database.open(config.database(), config.smtp().poolSize() + 2);
        }
        return database;
    }

    public synchronized SubscriberStore subscribers() {
        if (subscribers == null) {
            subscribers = new SubscriberStore(database(), clock);
        }
        return subscribers;
    }

    public SubscriberCsv subscriberCsv() {
        return new SubscriberCsv(subscribers(), consent(), catalog().topics());
    }

    /** The one place a subscriber's status changes (with its history and the suppression list). */
    public synchronized Consent consent() {
        if (consent == null) {
            consent = new Consent(database(), subscribers(), clock, config.digest()::secret);
        }
        return consent;
    }

    public synchronized IssueStore issues() {
        if (issues == null) {
            issues = new IssueStore(database(), clock);
        }
        return issues;
    }

    public synchronized Outbox outbox() {
        if (outbox == null) {
            outbox = new Outbox(database(), clock);
        }
        return outbox;
    }

    public synchronized Mailer mailer() {
        if (mailer == null) {
            mailer = new Mailer(config.smtp(), config.digest().fromDomain(), DkimSigning.from(config.dkim()));
        }
        return mailer;
    }

    public LinkSigner signer() {
        return new LinkSigner(config.digest().requireSecret(), config.digest().secretPrevious(), clock);
    }

    public synchronized SendService sendService() {
        if (sendService == null) {
            Picker picker = new Picker(liveCatalog());
            DigestComposer composer = composer();
            var smtp = config.smtp();
            Dispatcher dispatcher = new Dispatcher(outbox(), issues(), composer, mailer(),
                    RateLimits.of(smtp.ratePerSecond(), smtp.domainRates()), bounces(), clock, instanceId);
            sendService = new SendService(issues(), outbox(), new IssuePlanner(outbox(), issues(), picker), dispatcher,
                    composer, subscribers(), picker, mailer(), clock, config.digest().papersPerIssue());
            String editor = config.catalog().editorEmail();
            if (editor != null) {
                EditorReport report = new EditorReport(database(), issues(), bounces(), catalogStore(), runway(),
                        new Courier(mailer())::send, config.digest(), editor, clock);
                sendService.afterEachIssue(report::issueDone);
            }
        }
        return sendService;
    }

    /** Looks ahead at the next issue: readers it would skip or short, and when each topic runs out. */
    public Runway runway() {
        return new Runway(outbox(), issues(), new Picker(liveCatalog()), liveCatalog(), clock, config.digest().papersPerIssue());
    }

    /** Composes each reader's message: view, signed links, list headers and VERP envelope sender. */
    public DigestComposer composer() {
        return new DigestComposer(liveCatalog(), renderer(), config.digest(), signer(), bounceAddresses());
    }

    /** The "View in browser" page logic; the web layer routes {@code GET /view/{issue}} to it. */
    public IssueViewer issueViewer() {
        return new IssueViewer(database(), issues(), subscribers(), composer(), signer());
    }

    /** The deliverability checks of {@code lint} and {@code send}, against this installation's base URL and DKIM domain. */
    public MessageLint messageLint() {
        return new MessageLint(config.digest().baseUrl(), config.dkim().enabled() ? config.dkim().domain() : null);
    }

    /** The checks {@code send} and {@code lint} run on every reader's message of the next issue. */
    public PreSendLint preSendLint() {
        IssueReaders readers = new IssueReaders(database(), outbox(), new Picker(catalog()), config.digest().papersPerIssue());
        return new PreSendLint(issues(), readers, composer(), mailer().mime(), messageLint(), clock);
    }

    /** Bounces: recorded per delivery, counted per subscriber against DIGEST_BOUNCE_LIMIT and DIGEST_SOFT_BOUNCE_LIMIT. */
    public synchronized BounceStore bounces() {
        if (bounces == null) {
            bounces = new BounceStore(database(), clock, consent(), config.bounces().hardLimit(), config.bounces().softLimit());
        }
        return bounces;
    }

    /** Reads bounce and complaint reports and records them against the deliveries they name. */
    public BounceProcessor bounceProcessor() {
        return new BounceProcessor(reportChecker(), bounces(), subscribers());
    }

    /** Classifies a report and names its delivery, changing nothing ({@code bounces check}); without DIGEST_SECRET it only classifies. */
    public ReportChecker reportChecker() {
        String secret = config.digest().secret();
        return new ReportChecker(new BounceClassifier(), secret == null || secret.isBlank() ? null : reportOrigins());
    }

    /** Tells which delivery a report is about, by its signed VERP address or Message-ID; needs DIGEST_SECRET. */
    public ReportOrigins reportOrigins() {
        return new ReportOrigins(bounceAddresses(), messageIds());
    }

    /** The signed Message-IDs of digests. */
    public MessageIds messageIds() {
        return new MessageIds(config.digest().requireSecret(), config.digest().fromDomain());
    }

    /** The IMAP mailbox of BOUNCE_IMAP_*; only call when it is configured. */
    public BounceMailbox bounceMailbox() {
        return new BounceMailbox(config.bounces().mailbox(), bounceProcessor());
    }

    /** The VERP envelope senders, or null when DIGEST_BOUNCE_ADDRESS is not set. */
    public BounceAddresses bounceAddresses() {
        String address = config.bounces().address();
        return address == null ? null : new BounceAddresses(address, config.digest().requireSecret());
    }

    /** When the digest goes out (DIGEST_CRON in DIGEST_TIMEZONE). */
    public DigestSchedule digestSchedule() {
        return new DigestSchedule(config.digest().cron(), config.digest().timezone());
    }

    /** Joining and leaving: double opt-in, confirmation and welcome mail, unsubscribing. */
    public synchronized Membership membership() {
        if (membership == null) {
            Path dir = config.digest().templates() != null ? config.digest().templates()
                    : Files.isDirectory(Path.of("templates")) ? Path.of("templates") : null;
            Notices notices = new Notices(new NoticeRenderer(dir), config.digest(), catalog().title(), signer(),
                    digestSchedule(), clock, config.imap().isPresent());
            membership = new Membership(subscribers(), consent(), new AddressLimit(database(), clock,
                    AddressLimit.budget(clock, config.digest().requestMailsPerHour())), notices,
                    new Courier(mailer()), signer());
        }
        return membership;
    }

    /** The web pages of {@code run} (HTTP_PORT). */
    public synchronized WebServer webServer() {
        if (webServer == null) {
            webServer = new WebServer(config.http(), config.digest(), liveCatalog(), membership(), digestSchedule(), issueViewer(),
                    database(), clock);
        }
        return webServer;
    }

    /** Reads the request mailbox and carries out email commands, when IMAP_HOST is set. */
    public Optional<InboundPoller> inboundPoller() {
        return config.imap().map(imap -> new InboundPoller(new Mailbox(imap), new MailCommands(membership(),
                // Never answer ourselves (the two are often the same address).
                Set.copyOf(List.of(config.digest().fromAddress(), config.digest().requestAddress())),
                new RequestLimit(clock, 10_000, MailCommands.REPLIES_PER_SENDER))));
    }

    /**
     * The services {@code run} starts, in start order (stopped in reverse): each feature adds its
     * own here.
     */
    public List<Service> services() {
        List<Service> services = new ArrayList<>();
        services.add(webServer());
        CronFireTimes fireTimes = fireTimes();
        DeliveryWorker worker = new DeliveryWorker(sendService(), fireTimes, servicePolicy(), Duration.ofSeconds(2));
        services.add(worker);
        DigestScheduler scheduler = new DigestScheduler(fireTimes,
                database().dialect() == DatabaseConfig.Dialect.POSTGRESQL ? database().dataSource() : null,
                instanceId, worker::fire);
        inboundPoller().ifPresent(poller ->
                scheduler.every("request mailbox", config.imap().orElseThrow().pollInterval(), poller::pollOnce));
        if (!config.catalog().sources().isEmpty()) {
            SourceRefresh sources = sourceRefresh();
            scheduler.refreshSources(config.catalog().sourcesCron(), sources::refresh);
        }
        if (config.bounces().mailbox() != null) {
            BounceMailbox bounces = bounceMailbox();
            scheduler.every("bounce mailbox", config.bounces().pollInterval(), bounces::pollOnce);
        }
        services.add(scheduler);
        return services;
    }

    /**
     * The schedule's fire times (DIGEST_CRON in DIGEST_TIMEZONE), armed in the database now unless
     * it already was: catch-up never sends for a fire time before the schedule was first armed.
     */
    public CronFireTimes fireTimes() {
        DigestConfig digest = config.digest();
        CronSchedule schedule = new CronSchedule(digest.cron(), digest.timezone());
        Instant armedAt = new ScheduleArming(database(), clock).arm(schedule.toString());
        return new CronFireTimes(schedule, digest.misfireGrace(), armedAt);
    }

    /**
     * Joins (once) the processes sending from a SQLite database, returning the claims of dead ones
     * when no other sender is alive; on PostgreSQL instances share the work and the lock is a no-op.
     */
    public synchronized SenderLock senderLock() {
        if (senderLock == null) {
            senderLock = SenderLock.acquire(database(), config.database().url(), outbox()::releaseEveryClaim);
        }
        return senderLock;
    }

    /** The send policy of {@code run}: wait for the server to come back, keep going until the issue is done. */
    public SendPolicy servicePolicy() {
        var smtp = config.smtp();
        return new SendPolicy(smtp.poolSize(), 16, smtp.maxAttempts(), smtp.maxMessagesPerConnection(),
                smtp.retryDelay(), config.digest().claimLease(), Duration.ofSeconds(10), false, Duration.ZERO,
                config.database().outageGrace());
    }

    /** The send policy of a one-off {@code send}: give up when the server stays down, wait briefly for retries. */
    public SendPolicy oneOffPolicy() {
        var smtp = config.smtp();
        return new SendPolicy(smtp.poolSize(), 16, smtp.maxAttempts(), smtp.maxMessagesPerConnection(),
                smtp.retryDelay(), config.digest().claimLease(), Duration.ofMinutes(5), true, Duration.ofSeconds(10),
                config.database().outageGrace());
    }

    @Override
    public synchronized void close() {
        if (senderLock != null) {
            senderLock.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                h = "host";
            }
        }
        return h.replaceAll("[^A-Za-z0-9.-]", "");
    }
}
