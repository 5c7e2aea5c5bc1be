package cn.moralbank.points.household;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What an import file would do: the rows that would be registered and every problem found. A file imports only when
 * it has no problem at all, so {@code rows} lists the good rows even when others are bad: the administrator sees the
 * whole file before fixing it.
 */
@Serdeable
public record ImportPreview(String fileName, List<ImportRow> rows, List<ImportProblem> problems,
                            List<VillageOpenings> openings) {

    public ImportPreview {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
        openings = List.copyOf(openings);
    }

    public ImportPreview(String fileName, List<ImportRow> rows, List<ImportProblem> problems) {
        this(fileName, rows, problems, List.of());
    }

    /** A file with no data row is a problem too ({@code household.import.file.empty}), so no problem means rows. */
    public boolean importable() {
        return problems.isEmpty();
    }
}
