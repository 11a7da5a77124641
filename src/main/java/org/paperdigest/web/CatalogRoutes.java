package org.paperdigest.web;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.paperdigest.catalog.Catalog;
import org.paperdigest.catalog.CurrentCatalog;
import org.paperdigest.catalog.Paper;

/** The catalog for people ({@code GET /papers}) and for feed readers ({@code GET /feed.xml}, Atom 1.0). */
final class CatalogRoutes {
    private final Pages pages;
    private final CurrentCatalog catalogs;
    private final String base;
    private volatile Rendered rendered;

    CatalogRoutes(Pages pages, CurrentCatalog catalogs, String base) {
        this.pages = pages;
        this.catalogs = catalogs;
        this.base = base;
    }

    /** Both documents for one catalog snapshot: rendered again only when the catalog changed. */
    private record Rendered(Catalog catalog, String papersPage, String feed) {}

    record PapersView(List<PaperView> papers, int paperCount) {}

    /** A published paper on the public page; without our summary, the start of its abstract, labelled. */
    record PaperView(String id, int rank, String title, String arxivUrl, String authors, String venue, String summary,
            String whyItMatters, String codeUrl, List<String> tags, String abstractExcerpt, String published) {
        static PaperView of(Paper p) {
            return new PaperView(p.id(), p.rank(), p.title(), String.valueOf(p.link()), p.authorLine(), p.venue(), p.summary(),
                    p.whyItMatters(), p.codeUrl() == null ? null : p.codeUrl().toString(), p.tags(),
                    p.summary() == null ? p.abstractExcerpt() : null,
                    p.published() == null ? String.valueOf(p.year()) : p.published().toString());
        }
    }

    void papers(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.html(rendered().papersPage());
    }

    void feed(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType("application/atom+xml; charset=utf-8").result(rendered().feed());
    }

    private Rendered rendered() {
        Catalog now = catalogs.now();
        Rendered r = rendered;
        if (r == null || r.catalog() != now) {
            // Public pages show published papers only, newest first.
            List<Paper> papers = now.newestFirst();
            r = new Rendered(now, pages.render(Pages.PAPERS, new PapersView(papers.stream().map(PaperView::of).toList(),
                    papers.size())), atom(now, papers));
            rendered = r;
        }
        return r;
    }

    /** Builds the Atom document with ROME, so every value is escaped and the structure valid. */
    private String atom(Catalog catalog, List<Paper> papers) {
        SyndFeed f = new SyndFeedImpl();
        f.setFeedType("atom_1.0");
        f.setTitle("Paper Digest: " + catalog.title());
        f.setDescription("The papers Paper Digest draws from, newest first, with summaries in our own words.");
        f.setUri(base + "/feed.xml");
        f.setLanguage("en");
        f.setLinks(List.of(link(base + "/papers", "alternate", "text/html"), link(base + "/feed.xml", "self", "application/atom+xml")));
        List<SyndEntry> entries = new ArrayList<>();
        Date newest = new Date(0);
        for (Paper p : papers) {
            SyndEntry e = new SyndEntryImpl();
            e.setUri(base + "/papers#" + p.id());
            e.setTitle(p.title());
            e.setLink(String.valueOf(p.link()));
            // When the paper was published into the catalog; curated entries count from their publication date.
            Date updated = Date.from(p.publishedAt());
            e.setUpdatedDate(updated);
            e.setPublishedDate(updated);
            if (updated.after(newest)) {
                newest = updated;
            }
            List<SyndPerson> authors = new ArrayList<>();
            for (String a : p.authors()) {
                SyndPerson person = new SyndPersonImpl();
                person.setName(a);
                authors.add(person);
            }
            e.setAuthors(authors);
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(p.summary() != null
                    ? p.summary() + (p.whyItMatters() == null ? "" : " Why it matters: " + p.whyItMatters())
                    : p.abstractExcerpt() == null ? "" : "From the abstract: " + p.abstractExcerpt());
            e.setDescription(summary);
            List<SyndCategory> categories = new ArrayList<>();
            for (String t : p.tags()) {
                SyndCategory c = new SyndCategoryImpl();
                c.setName(t);
                categories.add(c);
            }
            e.setCategories(categories);
            entries.add(e);
        }
        f.setEntries(entries);
        f.setPublishedDate(newest);
        try {
            return new SyndFeedOutput().outputString(f, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Cannot write the Atom feed of " + catalog.source() + ": " + e.getMessage(), e);
        }
    }

    private static SyndLink link(String href, String rel, String type) {
        SyndLink l = new SyndLinkImpl();
        l.setHref(href);
        l.setRel(rel);
        l.setType(type);
        return l;
    }
}
