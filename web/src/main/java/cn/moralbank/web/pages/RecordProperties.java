package cn.moralbank.web.pages;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import ognl.ObjectPropertyAccessor;
import ognl.OgnlContext;
import ognl.OgnlException;
import ognl.OgnlRuntime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * How the pages read a record's values ({@code ${w.name}}, {@code ${figures.perHousehold}}): by the record's own
 * accessor, found once per record type. Thymeleaf evaluates such expressions with OGNL, which looks for a JavaBean
 * getter, finds none on a record ({@code name()}, not {@code getName()}), and then searched every public method of
 * the type, comparing names case-insensitively, on every evaluation: a third of the time of rendering the county
 * dashboard (docs/performance.md, "County dashboard"). Whatever is not a record's zero-argument method (a bean
 * getter, a field, a map key) is read as before, by OGNL's own accessor; so is an accessor that Thymeleaf's own
 * restrictions on members refuse (the context's member access is asked first). Where a record has both, its accessor
 * {@code label()} is read rather than a getter {@code getLabel()}. Registered for every record by {@link #install()}
 * when the application starts, before any page is rendered.
 */
@Context
final class RecordProperties extends ObjectPropertyAccessor {
    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> accessors = new HashMap<>();
            if (!type.isRecord()) {
                return accessors;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.getParameterCount() == 0 && Modifier.isPublic(method.getModifiers())
                        && !Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class
                        && !method.isSynthetic()) {
                    // the accessors are public, but a record of a package's own is not: reach them as OGNL did (a
                    // record whose module does not open it is left to OGNL)
                    if (method.trySetAccessible()) {
                        accessors.put(method.getName(), method);
                    }
                }
            }
            return Map.copyOf(accessors);
        }
    };

    /** Makes this the accessor OGNL uses for every record (OGNL's accessors are global to the process). */
    @PostConstruct
    void install() {
        OgnlRuntime.setPropertyAccessor(Record.class, this);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object getProperty(Map context, Object target, Object name) throws OgnlException {
        Method accessor = name instanceof String property && target != null
                ? ACCESSORS.get(target.getClass()).get(property) : null;
        if (accessor == null || context instanceof OgnlContext ognl
                && !ognl.getMemberAccess().isAccessible(context, target, accessor, (String) name)) {
            return super.getProperty(context, target, name);
        }
        try {
            return accessor.invoke(target);
        } catch (IllegalAccessException e) {
            throw new OgnlException(name + " of " + target.getClass().getSimpleName(), e);
        } catch (InvocationTargetException e) {
            throw new OgnlException(name + " of " + target.getClass().getSimpleName(), e.getCause());
        }
    }
}
