package cn.moralbank.web.pages;

import ognl.AbstractMemberAccess;
import ognl.Ognl;
import ognl.OgnlContext;
import ognl.OgnlRuntime;
import org.junit.jupiter.api.Test;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Member;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordPropertiesTest {
    record Figures(String name, long earned) {
        public String perHousehold() {
            return earned / 2 + " each";
        }

        public String getLabel() {
            return "label of " + name;
        }
    }

    /** Every member open, as far as Java allows: what is refused here is refused by the accessor, not by OGNL. */
    private static final AbstractMemberAccess OPEN = new AbstractMemberAccess() {
        @Override
        @SuppressWarnings("rawtypes")
        public Object setup(Map context, Object target, Member member, String property) {
            if (member instanceof AccessibleObject reachable) {
                reachable.setAccessible(true);
            }
            return null;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isAccessible(Map context, Object target, Member member, String property) {
            return true;
        }
    };

    private static Object read(String expression, Object root) throws Exception {
        OgnlContext context = (OgnlContext) Ognl.createDefaultContext(root, OPEN);
        return Ognl.getValue(Ognl.parseExpression(expression), context, root);
    }

    @Test
    void aRecordsValuesAreReadByItsOwnAccessorsAndAnythingElseAsBefore() throws Exception {
        RecordProperties accessor = new RecordProperties();
        accessor.install();

        assertSame(accessor, OgnlRuntime.getPropertyAccessor(Figures.class));
        Figures figures = new Figures("河东村", 10);
        assertEquals("河东村", read("name", figures));
        assertEquals(10L, read("earned", figures));
        assertEquals("5 each", read("perHousehold", figures));
        // a bean getter is not an accessor of the record's own: OGNL's search finds it, as before
        assertEquals("label of 河东村", read("label", figures));
        assertEquals(3, read("name.length()", figures));
        // not a record: untouched
        assertEquals(1, read("size()", Map.of("a", 1)));
    }

    @Test
    void whatTheExpressionsRestrictionsRefuseTheAccessorDoesNotReadEither() throws Exception {
        new RecordProperties().install();
        AbstractMemberAccess closed = new AbstractMemberAccess() {
            @Override
            @SuppressWarnings("rawtypes")
            public boolean isAccessible(Map context, Object target, Member member, String property) {
                return false;
            }
        };
        Figures figures = new Figures("河东村", 10);
        OgnlContext context = (OgnlContext) Ognl.createDefaultContext(figures, closed);
        assertThrows(ognl.OgnlException.class, () -> Ognl.getValue(Ognl.parseExpression("name"), context, figures));
    }
}
