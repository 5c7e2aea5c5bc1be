package cn.moralbank.points.household;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What an import file would do: the rows that would be registered and every problem found. A file imports only when
 * it has no problem at all, so {@code rows} lists the good rows even when others are bad: the administrator sees the
 * whole file before fixing it. {@code alreadyImported} counts the rows an earlier upload of the same file registered
 * before it was interrupted; they are not checked or registered again. {@code ignoredColumns}: the header's texts that
 * name no column (序号, 身份证号, a misspelt 住址), whose values are not imported.
 */
@Serdeable
public record ImportPreview(String fileName, List<ImportRow> rows, List<ImportProblem> problems,
                            List<VillageOpenings> openings, int alreadyImported, List<String> ignoredColumns) {

    public ImportPreview {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
        openings = List.copyOf(openings);
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    public ImportPreview(String fileName, List<ImportRow> rows, List<ImportProblem> problems) {
        this(fileName, rows, problems, List.of(), 0, List.of());
    }

    /** A file with no data row is a problem too ({@code household.import.file.empty}), so no problem means rows. */
    public boolean importable() {
        return problems.isEmpty();
    }
}
