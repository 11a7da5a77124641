package org.paperdigest.catalog.sources;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.BibTeXString;
import org.jbibtex.Key;
import org.jbibtex.LaTeXParser;
import org.jbibtex.LaTeXPrinter;
import org.jbibtex.ParseException;
import org.jbibtex.TokenMgrException;
import org.jbibtex.Value;
import org.paperdigest.catalog.CatalogException;
import org.paperdigest.catalog.EntryFormat;
import org.paperdigest.catalog.FoundPaper;
import org.paperdigest.catalog.ImportEntry;
import org.paperdigest.catalog.Paper;

/**
 * Reads BibTeX (what Zotero, Mendeley, JabRef and Google Scholar export) with jbibtex: title,
 * authors, year and month, journal or booktitle, DOI, URL, arXiv eprint, abstract and keywords,
 * LaTeX turned into plain text. An entry without a title is rejected, naming its key.
 */
public final class BibtexFormat implements EntryFormat {
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    @Override
    public String name() {
        return "bibtex";
    }

    @Override
    public boolean reads(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".bib");
    }

    @Override
    public List<ImportEntry> read(byte[] content, String fileName) {
        BibTeXDatabase db;
        try {
            BibTeXParser parser = new BibTeXParser() {
                @Override
                public void checkStringResolution(Key key, BibTeXString string) {
                    // Month macros (jan, feb…) and other strings we do not define are read as their names.
                }

                @Override
                public void checkCrossReferenceResolution(Key key, BibTeXEntry entry) {
                    // A missing crossref leaves the fields of the entry itself.
                }
            };
            db = parser.parse(new StringReader(new String(content, StandardCharsets.UTF_8)));
        } catch (ParseException | TokenMgrException e) {
            throw new CatalogException(fileName + ": not valid BibTeX: " + e.getMessage(), e);
        }
        List<ImportEntry> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Key, BibTeXEntry> e : db.getEntries().entrySet()) {
            i++;
            BibTeXEntry entry = e.getValue();
            String where = fileName + ": entry " + i + " (key " + e.getKey().getValue() + ")";
            String title = field(entry, BibTeXEntry.KEY_TITLE);
            if (title == null || title.isBlank()) {
                out.add(new ImportEntry.Bad(where + ": no title"));
                continue;
            }
            String yearText = field(entry, BibTeXEntry.KEY_YEAR);
            LocalDate published = null;
            if (yearText != null) {
                if (!yearText.strip().matches("\\d{4}")) {
                    out.add(new ImportEntry.Bad(where + ": year \"" + yearText + "\" is not a year"));
                    continue;
                }
                published = LocalDate.of(Integer.parseInt(yearText.strip()), month(field(entry, BibTeXEntry.KEY_MONTH)), 1);
            }
            String eprint = field(entry, new Key("eprint"));
            String url = field(entry, BibTeXEntry.KEY_URL);
            String arxivId = eprint != null && eprint.strip().matches("\\d{4}\\.\\d{4,5}(v\\d+)?")
                    ? eprint.strip().replaceAll("v\\d+$", "") : url == null ? null : Paper.arxivIdIn(url);
            String venue = field(entry, BibTeXEntry.KEY_JOURNAL);
            if (venue == null) {
                venue = field(entry, BibTeXEntry.KEY_BOOKTITLE);
            }
            out.add(new ImportEntry.Found(new FoundPaper(title, authors(field(entry, BibTeXEntry.KEY_AUTHOR)), published,
                    venue, arxivId != null ? URI.create("https://arxiv.org/abs/" + arxivId) : WebAddress.orNull(url),
                    field(entry, BibTeXEntry.KEY_DOI), null, field(entry, new Key("abstract")),
                    keywords(field(entry, new Key("keywords"))), "bibtex")));
        }
        return out;
    }

    private static String field(BibTeXEntry entry, Key key) {
        Value v = entry.getField(key);
        if (v == null) {
            return null;
        }
        String raw = v.toUserString();
        try {
            return new LaTeXPrinter().print(new LaTeXParser().parse(raw)).replaceAll("\\s+", " ").strip();
        } catch (ParseException | TokenMgrException e) {
            return raw.replaceAll("[{}]", "").replaceAll("\\s+", " ").strip();
        }
    }

    private static List<String> authors(String field) {
        List<String> out = new ArrayList<>();
        if (field == null) {
            return out;
        }
        for (String a : field.split("\\s+and\\s+")) {
            String name = a.strip();
            int comma = name.indexOf(',');
            // "Last, First" reads better as "First Last".
            out.add(comma > 0 ? (name.substring(comma + 1).strip() + " " + name.substring(0, comma).strip()).strip() : name);
        }
        return out;
    }

    private static int month(String m) {
        if (m == null) {
            return 1;
        }
        String s = m.strip().toLowerCase(Locale.ROOT);
        if (s.matches("\\d{1,2}") && Integer.parseInt(s) >= 1 && Integer.parseInt(s) <= 12) {
            return Integer.parseInt(s);
        }
        int i = s.length() >= 3 ? MONTHS.indexOf(s.substring(0, 3)) : -1;
        return i < 0 ? 1 : i + 1;
    }

    private static List<String> keywords(String field) {
        return field == null ? List.of() : List.of(field.split("\\s*[,;]\\s*"));
    }

}
