package cn.moralbank.points.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.List;

/**
 * Something wrong with an import file, where the administrator can find it: {@code line} is the row number a
 * spreadsheet shows (the header is row 1; 0 when the problem is the file as a whole), {@code column} is null when the
 * problem is not one cell's. {@code code} names a message of the households bundle, {@code arguments} fill its
 * placeholders.
 */
@Serdeable
public record ImportProblem(int line, @Nullable ImportColumn column, String code, List<String> arguments) {

    public ImportProblem {
        arguments = List.copyOf(arguments);
    }

    static ImportProblem ofFile(String code, Object... arguments) {
        return new ImportProblem(0, null, code, texts(arguments));
    }

    static ImportProblem ofLine(int line, String code, Object... arguments) {
        return new ImportProblem(line, null, code, texts(arguments));
    }

    static ImportProblem ofCell(int line, ImportColumn column, String code, Object... arguments) {
        return new ImportProblem(line, column, code, texts(arguments));
    }

    private static List<String> texts(Object... arguments) {
        return Arrays.stream(arguments).map(String::valueOf).toList();
    }
}
