package cn.moralbank.points.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.HashMap;
import java.util.Map;

/**
 * Compiled classes (tests excluded) for the architecture tests, imported once per package and test JVM: each import
 * reads the classes and their dependencies' signatures, ten to twenty seconds on a loaded machine.
 */
public final class PointsClasses {
    private static final Map<String, JavaClasses> IMPORTED = new HashMap<>();

    private PointsClasses() {
    }

    /** The points service's classes. */
    public static JavaClasses all() {
        return of("cn.moralbank.points");
    }

    /** The classes of a package and its subpackages ({@code cn.moralbank}: the whole product, from the web tests). */
    public static synchronized JavaClasses of(String packageName) {
        return IMPORTED.computeIfAbsent(packageName, name -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(name));
    }
}
