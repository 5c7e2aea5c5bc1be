package cn.moralbank.web.pages;

import io.micronaut.context.annotation.Context;
import ognl.ObjectPropertyAccessor;
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
 * getter, a field, a map key) is read as before, by OGNL's own accessor. Registered for every record when the
 * application starts, before any page is rendered.
 */
@Context
final class RecordProperties extends ObjectPropertyAccessor {
    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> accessors = new HashMap<>();
            if (!type.isRecord() || blocked(type)) {
                return accessors;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.getParameterCount() == 0 && Modifier.isPublic(method.getModifiers())
                        && !Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class
                        && !method.isSynthetic()) {
                    // the accessors are public, but a record of a package's own is not: reach them as OGNL did
                    method.setAccessible(true);
                    accessors.put(method.getName(), method);
                }
            }
            return Map.copyOf(accessors);
        }
    };

    RecordProperties() {
        OgnlRuntime.setPropertyAccessor(Record.class, this);
    }

    /** The platform's own records are left to OGNL and Thymeleaf's restrictions on them. */
    private static boolean blocked(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object getProperty(Map context, Object target, Object name) throws OgnlException {
        Method accessor = name instanceof String property && target != null
                ? ACCESSORS.get(target.getClass()).get(property) : null;
        if (accessor == null) {
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
