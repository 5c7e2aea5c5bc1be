package cn.moralbank.web.households;

import cn.moralbank.points.household.ImportPreview;
import cn.moralbank.points.household.ImportProblem;
import cn.moralbank.points.household.ImportRow;
import cn.moralbank.points.household.VillageOpenings;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An import preview as people and API clients read it: every bad row with its reason in their language. */
@Serdeable
record ImportReport(String fileName, boolean importable, int rowCount, List<Row> rows, List<Problem> problems,
                    List<VillageOpenings> openings, int alreadyImported,
                    List<String> ignoredColumns) {

    static ImportReport of(ImportPreview preview, Messages messages, HttpRequest<?> request) {
        List<Row> rows = preview.rows().stream().map(Row::of).toList();
        List<Problem> problems = preview.problems().stream()
                .map(p -> Problem.of(p, messages, request)).toList();
        return new ImportReport(preview.fileName(), preview.importable(), rows.size(), rows, problems,
                preview.openings(), preview.alreadyImported(), preview.ignoredColumns());
    }

    @Serdeable
    record Row(int line, String cardNumber, boolean cardGenerated, String headName, String gridCode,
               @Nullable Long opening, @Nullable String passbookNumber) {
        static Row of(ImportRow row) {
            return new Row(row.line(), row.household().cardNumber(), row.cardGenerated(),
                    row.household().headName(), row.household().gridCode(),
                    row.opening() == null ? null : row.opening().points(),
                    row.opening() == null ? null : row.opening().passbookNumber());
        }
    }

    @Serdeable
    record Problem(int line, @Nullable String column, String code, String message) {
        static Problem of(ImportProblem problem, Messages messages, HttpRequest<?> request) {
            String column = problem.column() == null ? null
                    : messages.get(request, problem.column().labelCode());
            return new Problem(problem.line(), column, problem.code(),
                    messages.get(request, problem.code(), problem.arguments()));
        }
    }
}
