package cn.moralbank.web.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every compiled class of the product (all three modules, tests excluded), imported once per test JVM for the tests
 * that read them all: each import takes ten to twenty seconds on a loaded machine.
 */
public final class ProductClasses {
    private static JavaClasses classes;

    private ProductClasses() {
    }

    public static synchronized JavaClasses all() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("cn.moralbank");
        }
        return classes;
    }
}
