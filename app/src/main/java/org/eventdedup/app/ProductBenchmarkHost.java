package org.eventdedup.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.eventdedup.benchmarks.BenchmarkHost;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.yaml.YamlConfigFileReader;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.adapter.files.YamlLexiconLoader;

/**
 * The benchmarks' view of the product, wired here: scratch databases ({@link BenchmarkDatabase}) on the server of the
 * settings, the application and the worker's core ({@link BenchmarkWorker}) on them, and the YAML readers.
 */
final class ProductBenchmarkHost implements BenchmarkHost {
    private final Supplier<AppSettings> fromEnvironment;
    private AppSettings settings;

    /** @param fromEnvironment reads the settings and sets up logging; called once, when a benchmark first asks */
    ProductBenchmarkHost(Supplier<AppSettings> fromEnvironment) {
        this.fromEnvironment = fromEnvironment;
    }

    private synchronized AppSettings settings() {
        if (settings == null) {
            settings = fromEnvironment.get();
        }
        return settings;
    }

    @Override
    public ScratchServer scratchServer(String command) throws UnavailableException {
        AppSettings product;
        try {
            product = settings();
        } catch (UsageException e) {
            throw new UnavailableException(e.getMessage());
        }
        DatabaseSettings server = product.database().orElseThrow(() -> new UnavailableException(command + " needs "
                + AppSettings.DATABASE_URL + " (it creates and drops a scratch database there)"));
        return purpose -> BenchmarkDatabase.create(server, purpose, product);
    }

    @Override
    public Worker openWorker(Path configFile, Path lexiconDir) {
        DatabaseSettings database = settings().database().orElseThrow(() -> new UsageException(
                AppSettings.DATABASE_URL + " is not set"));
        return BenchmarkWorker.open(database, configFile, lexiconDir);
    }

    @Override
    public Optional<MatchingConfig> readConfig(Path file) {
        return new YamlConfigFileReader().read(file);
    }

    @Override
    public Lexicon readLexicon(Path directory) {
        return new YamlLexiconLoader().loadFrom(directory);
    }

    @Override
    public String mainClass() {
        return Main.class.getName();
    }
}
