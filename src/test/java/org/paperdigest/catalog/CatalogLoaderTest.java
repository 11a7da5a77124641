package org.paperdigest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperdigest.config.BadInputException;
import org.paperdigest.testing.CatalogFiles;

class CatalogLoaderTest {
    @TempDir
    Path dir;

    @Test
    void the_bundled_catalog_loads_ten_papers_in_rank_order() {
        Catalog catalog = new CatalogLoader().load(null);

        assertThat(catalog.title()).isEqualTo("Best of 2019: machine learning papers");
        assertThat(catalog.papers()).hasSize(10);
        assertThat(catalog.papers()).extracting(Paper::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(catalog.papers().get(0).id()).isEqualTo("crd");
        assertThat(catalog.topics()).contains("vision", "nlp", "automl");
    }

    @Test
    void a_valid_catalog_file_loads_from_disk() {
        Path file = CatalogFiles.bundledWith(dir, papers -> { });

        Catalog catalog = new CatalogLoader().load(file);

        assertThat(catalog.papers()).hasSize(10);
        assertThat(catalog.source()).isEqualTo(file.toString());
    }

    @Test
    void an_unknown_field_names_file_entry_and_field() {
        Path file = CatalogFiles.bundledWithField(dir, 2, "abstact", "\"misspelt\"");

        loading(file).hasMessageStartingWith(file + ": entry 2 (id \"autoaugment-detection\"): field \"abstact\" unknown field");
    }

    @Test
    void a_missing_field_names_file_entry_and_field() {
        Path file = CatalogFiles.bundledWith(dir, papers -> ((ObjectNode) papers.get(4)).remove("venue"));

        loading(file).hasMessage(file + ": entry 4 (id \"transformer-xl\"): field \"venue\" is missing");
    }

    @Test
    void a_duplicate_id_names_both_entries() {
        Path file = CatalogFiles.bundledWithField(dir, 6, "id", "\"crd\"");

        loading(file).hasMessage(file + ": entry 6 (id \"crd\"): field \"id\": duplicate of entry 0");
    }

    @Test
    void a_duplicate_rank_names_both_entries() {
        Path file = CatalogFiles.bundledWithField(dir, 3, "rank", "1");

        loading(file).hasMessage(file + ": entry 3 (id \"xlnet\"): field \"rank\": 1 is already used by entry 0");
    }

    @Test
    void a_url_that_is_not_http_is_refused() {
        Path file = CatalogFiles.bundledWithField(dir, 1, "arxiv_url", "\"javascript:alert(1)\"");

        loading(file).hasMessage(file + ": entry 1 (id \"tas-network-pruning\"): field \"arxiv_url\" must be an absolute"
                + " http(s) URL, got \"javascript:alert(1)\"");
    }

    @Test
    void a_code_url_without_a_host_is_refused() {
        Path file = CatalogFiles.bundledWithField(dir, 0, "code_url", "\"ftp://example.org/code\"");

        loading(file).hasMessage(file + ": entry 0 (id \"crd\"): field \"code_url\" must be an absolute http(s) URL,"
                + " got \"ftp://example.org/code\"");
    }

    @Test
    void a_null_code_url_means_no_code() {
        Path file = CatalogFiles.bundledWithField(dir, 0, "code_url", "null");

        assertThat(new CatalogLoader().load(file).paper("crd").orElseThrow().codeUrl()).isNull();
    }

    @Test
    void an_empty_title_is_refused() {
        Path file = CatalogFiles.bundledWithField(dir, 5, "title", "\"   \"");

        loading(file).hasMessage(file + ": entry 5 (id \"struct2depth\"): field \"title\" must not be empty");
    }

    @Test
    void a_value_of_the_wrong_type_is_refused() {
        Path file = CatalogFiles.bundledWithField(dir, 7, "year", "\"2019\"");

        loading(file).hasMessage(file + ": entry 7 (id \"dain\"): field \"year\" must be a whole number, got \"2019\"");
    }

    @Test
    void authors_that_are_not_a_list_are_refused() {
        Path file = CatalogFiles.bundledWithField(dir, 8, "authors", "\"Zhe Cao\"");

        loading(file).hasMessage(file + ": entry 8 (id \"openpose\"): field \"authors\" must be an array of strings, got \"Zhe Cao\"");
    }

    @Test
    void an_entry_without_a_usable_id_is_named_by_its_index() {
        Path file = CatalogFiles.bundledWithField(dir, 9, "id", "42");

        loading(file).hasMessage(file + ": entry 9: field \"id\" must be a string, got 42");
    }

    @Test
    void invalid_json_names_the_line() {
        Path file = CatalogFiles.withText(dir, """
                {
                  "title": "Broken",
                  "papers": [
                    {"id": "a", "title": "A",}
                  ]
                }
                """);

        loading(file).hasMessageStartingWith(file + " line 4 column ").hasMessageContaining("not valid JSON");
    }

    @Test
    void text_after_the_catalog_object_is_invalid_json() throws IOException {
        String valid = Files.readString(CatalogFiles.bundledWith(dir, papers -> { }));
        Path file = CatalogFiles.withText(dir, valid + "\n}\n");
        long lastLine = valid.lines().count() + 1;

        loading(file).hasMessageStartingWith(file + " line " + lastLine + " column ").hasMessageContaining("not valid JSON");
    }

    @Test
    void a_missing_file_is_named() {
        Path file = dir.resolve("nope.json");

        loading(file).hasMessage(file + ": no such catalog file");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> loading(Path file) {
        return assertThatThrownBy(() -> new CatalogLoader().load(file))
                .isInstanceOf(CatalogException.class)
                .isInstanceOf(BadInputException.class);
    }
}
