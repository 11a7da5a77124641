package org.paperdigest.catalog.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperdigest.catalog.CatalogException;
import org.paperdigest.catalog.ImportEntry;
import org.paperdigest.catalog.PaperLookup;

/** Fetches papers from Crossref (DIGEST_CROSSREF_API_URL) by DOI: {@code GET /works/{doi}}, one at a time. */
public final class CrossrefLookup implements PaperLookup {
    private final URI api;
    private final SourceHttp http;
    private final ObjectMapper json = new ObjectMapper();

    public CrossrefLookup(URI api, SourceHttp http) {
        this.api = api;
        this.http = http;
    }

    /** The DOI in {@code doiOrUrl} ("10.1000/x", "doi:10.1000/x", "https://doi.org/10.1000/x"), or null. */
    public static String doiOf(String doiOrUrl) {
        String s = doiOrUrl.strip().replaceFirst("(?i)^(doi:|https?://(dx\\.)?doi\\.org/)", "");
        // DOIs are case-insensitive; one spelling finds the same work everywhere.
        return s.matches("10\\.\\d{4,9}/\\S+") ? s.toLowerCase(java.util.Locale.ROOT) : null;
    }

    @Override
    public synchronized List<ImportEntry> lookup(List<String> dois) {
        List<ImportEntry> out = new ArrayList<>();
        for (String given : dois) {
            String doi = doiOf(given);
            if (doi == null) {
                out.add(new ImportEntry.Bad("\"" + given + "\": not a DOI (like 10.18653/v1/P19-1285)"));
                continue;
            }
            URI url = URI.create(api + "/works/" + URLEncoder.encode(doi, StandardCharsets.UTF_8).replace("%2F", "/"));
            SourceHttp.Answer a;
            try {
                a = http.get(url, Map.of("Accept", "application/json"));
            } catch (IOException e) {
                throw new CatalogException("Crossref " + api + ": " + e.getMessage(), e);
            }
            if (a.status() == 404) {
                out.add(new ImportEntry.Bad("DOI " + doi + ": not found at Crossref"));
                continue;
            }
            if (a.status() != 200) {
                throw new CatalogException("Crossref " + api + " answered HTTP " + a.status() + " for DOI " + doi);
            }
            try {
                JsonNode message = json.readTree(a.body()).path("message");
                out.add(new CslJsonFormat("doi").item(message, "DOI " + doi));
            } catch (IOException e) {
                out.add(new ImportEntry.Bad("DOI " + doi + ": Crossref's answer is not JSON: " + e.getMessage()));
            }
        }
        return out;
    }
}
