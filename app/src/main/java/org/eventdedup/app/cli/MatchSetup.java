package org.eventdedup.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.config.adapter.yaml.ConfigFileException;
import org.eventdedup.config.adapter.yaml.YamlConfigFileReader;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.offline.CliException;
import org.eventdedup.worker.adapter.files.LexiconLoadException;
import org.eventdedup.worker.adapter.files.YamlLexiconLoader;

/**
 * What an offline run needs besides its input: the config, the lexicon, the thread count and the AI key.
 *
 * <p>Config (contract §1, without a database): {@code --config FILE} over the built-ins; else the YAML file of
 * {@code EVENT_DEDUP_MATCHING_CONFIG_PATH} (default {@code config/matching.yaml}) when it exists; else the built-ins.
 * Lexicon: the {@code prefixes.yaml}, {@code synonyms.yaml} and {@code city_aliases.yaml} of {@code --lexicon DIR}
 * (default {@code config}); without the default directory the run has no prefixes, synonyms or aliases.
 *
 * @param configSource where the config came from, for the summary line
 * @param notes        things the operator should know (no lexicon directory), one line each
 */
record MatchSetup(MatchingConfig config, String configSource, Lexicon lexicon, int threads, SecretString apiKey,
                  List<String> notes) {

    static final String CONFIG_PATH_VARIABLE = "EVENT_DEDUP_MATCHING_CONFIG_PATH";
    static final String GEMINI_KEY_VARIABLE = "EVENT_DEDUP_GEMINI_API_KEY";
    static final String DEFAULT_CONFIG_PATH = "config/matching.yaml";
    static final String DEFAULT_LEXICON_DIR = "config";

    static MatchSetup resolve(String command, CliOptions options, Map<String, String> environment) {
        MatchingConfig config;
        String source;
        Optional<String> explicit = options.optional("--config");
        if (explicit.isPresent()) {
            Path file = Path.of(explicit.get());
            if (!Files.isRegularFile(file)) {
                throw new CliException(command + ": config file not found: " + file);
            }
            config = readConfig(command, file);
            source = file.toString();
        } else {
            String fromEnvironment = environment.get(CONFIG_PATH_VARIABLE);
            Path file = Path.of(fromEnvironment == null || fromEnvironment.isBlank()
                    ? DEFAULT_CONFIG_PATH : fromEnvironment.strip());
            if (Files.exists(file)) {
                config = readConfig(command, file);
                source = file.toString();
            } else {
                config = MatchingConfig.DEFAULT;
                source = "built-in defaults";
            }
        }

        Lexicon lexicon;
        List<String> notes = List.of();
        Optional<String> lexiconOption = options.optional("--lexicon");
        Path lexiconDir = Path.of(lexiconOption.orElse(DEFAULT_LEXICON_DIR));
        if (!Files.isDirectory(lexiconDir)) {
            if (lexiconOption.isPresent()) {
                throw new CliException(command + ": lexicon directory not found: " + lexiconDir);
            }
            lexicon = Lexicon.EMPTY;
            notes = List.of("no lexicon directory " + lexiconDir
                    + "/: matching without title prefixes, synonyms and city aliases (see --lexicon)");
        } else {
            try {
                lexicon = new YamlLexiconLoader().loadFrom(lexiconDir);
            } catch (LexiconLoadException e) {
                throw new CliException(command + ": " + firstLine(e.getMessage()));
            }
        }

        int threads = options.positiveInt("--threads", Runtime.getRuntime().availableProcessors());
        String key = environment.get(GEMINI_KEY_VARIABLE);
        SecretString apiKey = key == null || key.isBlank() ? null : SecretString.of(key);
        return new MatchSetup(config, source, lexicon, threads, apiKey, notes);
    }

    private static MatchingConfig readConfig(String command, Path file) {
        try {
            return new YamlConfigFileReader().read(file).orElse(MatchingConfig.DEFAULT);
        } catch (ConfigFileException e) {
            List<String> problems = e.problems();
            String first = problems.isEmpty() ? firstLine(e.getMessage()) : problems.get(0);
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
            throw new CliException(command + ": bad config file " + first + more);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
