package org.eventdedup.config.adapter.yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.config.domain.rule.MergePatch;
import org.eventdedup.config.domain.rule.Validated;

/**
 * Reads the YAML config file as an overlay on the built-in defaults: the file may hold any subset of the document,
 * and the result is validated as a whole with the same rules as an API update. A file that is wrong in any way fails
 * the start with every problem listed, rather than running with half of an operator's intent.
 */
public final class YamlConfigFileReader {

    /**
     * @return empty when the file does not exist; the defaults when it is empty
     * @throws ConfigFileException when the file is not valid YAML, not a mapping, or breaks any config rule
     */
    public Optional<MatchingConfig> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Optional<LocatedTree> document = parse(file);
        if (document.isEmpty()) {
            return Optional.of(MatchingConfig.DEFAULT);
        }
        LocatedTree located = document.get();
        Map<String, Object> defaults = ConfigDocument.toTree(MatchingConfig.DEFAULT);
        Validated validated = ConfigDocument.validate(MergePatch.apply(defaults, located.tree(), defaults));
        if (validated.isValid()) {
            return Optional.of(validated.config());
        }
        List<Problem> problems = new ArrayList<>();
        for (Violation v : validated.violations()) {
            problems.add(new Problem(located.lineOf(v.path()).orElse(0), v.path(), v.message()));
        }
        throw failure(file, problems);
    }

    private Optional<LocatedTree> parse(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return YamlTreeParser.parse(reader);
        } catch (YamlTreeParser.ParseFailure e) {
            throw failure(file, e.problems());
        } catch (IOException e) {
            throw failure(file, List.of(new Problem(0, "", "cannot read the file: " + e)));
        }
    }

    private static ConfigFileException failure(Path file, List<Problem> problems) {
        return new ConfigFileException(file, problems.stream().sorted(Problem.BY_LINE).map(p -> p.format(file)).toList());
    }
}
