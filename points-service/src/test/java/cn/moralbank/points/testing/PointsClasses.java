package cn.moralbank.points.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The points service's compiled classes (tests excluded), imported once per test JVM for every architecture test:
 * each import reads the whole module and its dependencies' signatures, about ten seconds on a loaded machine.
 */
public final class PointsClasses {
    private static JavaClasses classes;

    private PointsClasses() {
    }

    public static synchronized JavaClasses all() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("cn.moralbank.points");
        }
        return classes;
    }
}
