package cn.moralbank.web.pages.deeds;

import cn.moralbank.points.common.BadInput;
import cn.moralbank.points.common.NotFound;
import cn.moralbank.web.i18n.Messages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A refused form shown again with the reason above it and what the person typed still in it (a grid worker on a
 * phone should not type a report twice). Only refusals of the input: an access denial still ends on the error page.
 */
@Singleton
class Refusals {
    private final Messages messages;

    Refusals(Messages messages) {
        this.messages = messages;
    }

    /** Runs the action; on a refusal, the view again with {@code error} set: 422, or 404 for an unknown thing. */
    HttpResponse<?> formOr(HttpRequest<?> request, Supplier<HttpResponse<?>> action, String view,
                           Supplier<Map<String, Object>> model) {
        try {
            return action.get();
        } catch (BadInput refusal) {
            return again(view, model.get(), messages.get(request, refusal.code(), refusal.arguments()),
                    HttpStatus.UNPROCESSABLE_ENTITY);
        } catch (NotFound unknown) {
            return again(view, model.get(), messages.get(request, unknown.code(), String.valueOf(unknown.subject())),
                    HttpStatus.NOT_FOUND);
        }
    }

    private static HttpResponse<?> again(String view, Map<String, Object> own, String error, HttpStatus status) {
        Map<String, Object> model = new HashMap<>(own);
        model.put("error", error);
        return HttpResponse.status(status).body(new ModelAndView<>(view, model));
    }
}
