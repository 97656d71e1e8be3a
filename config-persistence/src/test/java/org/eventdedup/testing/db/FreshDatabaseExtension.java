package org.eventdedup.testing.db;

import javax.sql.DataSource;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own freshly created and migrated PostgreSQL database (see {@link TestDatabase} for which
 * server), dropped after the class. Tests, constructors and {@code @BeforeAll}/{@code @BeforeEach} methods may
 * declare parameters of type {@link PersistenceModule}, {@link DatabaseSettings}, {@link DataSource}, {@link Jdbi}
 * or {@link TestDatabase}; all refer to the same database within a class.
 *
 * <pre>{@code
 * @ExtendWith(FreshDatabaseExtension.class)
 * class ConfigRoutesIT {
 *     private final PersistenceModule persistence;
 *
 *     ConfigRoutesIT(PersistenceModule persistence) {
 *         this.persistence = persistence;
 *     }
 *
 *     @Test
 *     void saves_a_patch(DatabaseSettings settings) { ... }
 * }
 * }</pre>
 *
 * <p>The database is shared by the tests of a class, so tests should not depend on running first; clean up or
 * assert relative to what a test itself wrote. {@code @Nested} classes get their own database.
 */
public final class FreshDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FreshDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Closed here rather than left to the store, whose closing of AutoCloseable values depends on JUnit's version
        // and configuration.
        TestDatabase db = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), TestDatabase.class);
        if (db != null) {
            db.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PersistenceModule.class || type == DatabaseSettings.class || type == DataSource.class
                || type == Jdbi.class || type == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase db = database(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == PersistenceModule.class) {
            return db.persistence();
        }
        if (type == DatabaseSettings.class) {
            return db.settings();
        }
        if (type == DataSource.class) {
            return db.persistence().dataSource();
        }
        if (type == Jdbi.class) {
            return db.persistence().jdbi();
        }
        return db;
    }

    /**
     * Created on first need in the class's store: with {@code @TestInstance(PER_CLASS)} the constructor's parameters
     * are resolved before {@link #beforeAll}.
     */
    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(classContext.getRequiredTestClass(),
                testClass -> TestDatabase.create(), TestDatabase.class);
    }
}
