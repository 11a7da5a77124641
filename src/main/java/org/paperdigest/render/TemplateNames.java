package org.paperdigest.render;

import com.github.mustachejava.Code;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.DefaultCode;
import com.github.mustachejava.codes.ExtendNameCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.PartialCode;
import com.github.mustachejava.codes.ValueCode;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks that every name a compiled template uses ({@code {{x}}}, {@code {{#x}}}, {@code {{^x}}})
 * exists in the view class it is rendered with, in the scope where it is used. The names of a
 * view are read from the class by reflection (record components and public no-argument methods,
 * as Mustache.java resolves them), so a field added to a view is known without any list to keep.
 * A component marked {@link MayBeAbsent} may be used as a value only inside its own section.
 */
final class TemplateNames {
    /** Partials may include themselves; Mustache.java stops recursing at this depth too. */
    private static final int MAX_DEPTH = 20;
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "hashCode", "getClass", "equals", "notify",
            "notifyAll", "wait");

    private final String where;
    /** A partial used in several places reports each of its problems once. */
    private final Set<String> problems = new LinkedHashSet<>();

    private TemplateNames(String where) {
        this.where = where;
    }

    /**
     * Throws a {@link TemplateException} naming file, line and unknown name (with the nearest known
     * name) for every tag of {@code template} and its partials that {@code view} cannot answer.
     */
    static void check(Mustache template, Class<?> view, String where, String name) {
        TemplateNames names = new TemplateNames(where);
        List<Scope> scopes = new ArrayList<>();
        scopes.add(Scope.of(view));
        names.walk(template.getCodes(), scopes, Set.of(), 0);
        List<String> problems = List.copyOf(names.problems);
        if (problems.size() == 1) {
            throw new TemplateException(problems.get(0), null);
        }
        if (!problems.isEmpty()) {
            throw new TemplateException(String.join(System.lineSeparator(), problems) + System.lineSeparator()
                    + "(" + problems.size() + " problems in " + Path.of(where, name) + " and its partials)", null);
        }
    }

    private void walk(Code[] codes, List<Scope> scopes, Set<String> guarded, int depth) {
        if (codes == null || depth > MAX_DEPTH) {
            return;
        }
        for (Code code : codes) {
            if (code instanceof PartialCode) {
                // Includes and {{<parent}}: the included codes run in the scope of the tag.
                walk(code.getCodes(), scopes, guarded, depth + 1);
            } else if (code instanceof ExtendNameCode) {
                walk(code.getCodes(), scopes, guarded, depth);
            } else if (code instanceof IterableCode || code instanceof NotIterableCode) {
                String name = code.getName();
                Member member = resolve(code, name, scopes);
                if (member == null) {
                    // What a section of an unknown name holds cannot be known: one error for it, not one per name inside.
                    continue;
                }
                List<Scope> inner = scopes;
                Set<String> innerGuard = new LinkedHashSet<>(guarded);
                innerGuard.add(name);
                if (code instanceof IterableCode && member.element() != null) {
                    inner = new ArrayList<>(scopes);
                    inner.add(member.element());
                }
                walk(code.getCodes(), inner, innerGuard, depth);
            } else if (code instanceof ValueCode) {
                Member member = resolve(code, code.getName(), scopes);
                if (member != null && member.mayBeAbsent() && !guarded.contains(code.getName())) {
                    problems.add(at(code) + ": '" + code.getName() + "' may be absent: use it inside {{#" + code.getName()
                            + "}}…{{/" + code.getName() + "}} (see templates/README.md, \"Optional parts\")");
                }
            }
        }
    }

    /** Finds the name in the innermost scope that has it, as Mustache.java does; records a problem when none has. */
    private Member resolve(Code code, String name, List<Scope> scopes) {
        if (name == null || name.equals(".") || name.isEmpty()) {
            return Member.ANY;
        }
        String[] path = name.split("\\.");
        Member found = null;
        for (int i = scopes.size() - 1; i >= 0 && found == null; i--) {
            found = scopes.get(i).members().get(path[0]);
        }
        for (int i = 1; i < path.length && found != null; i++) {
            // A dotted name goes on in the element (a record, or a list's records), else in the value's own
            // methods, as Mustache.java does ({{papers.size}}, {{title.length}}).
            Member next = found.element() == null ? null : found.element().members().get(path[i]);
            Scope own = found.type() == null ? null : Scope.of(found.type());
            if (next == null && own != null) {
                next = own.members().get(path[i]);
            }
            if (next == null) {
                problems.add(at(code) + ": unknown name '" + name + "'"
                        + hint(path[i], found.element() != null ? List.of(found.element()) : own == null ? List.of() : List.of(own)));
                return null;
            }
            found = next;
        }
        if (found == null) {
            problems.add(at(code) + ": unknown name '" + name + "'" + hint(path[0], scopes));
        }
        return found;
    }

    private static String hint(String name, List<Scope> scopes) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Scope scope : scopes) {
            for (String known : scope.members().keySet()) {
                int d = distance(name.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
                if (d < bestDistance) {
                    best = known;
                    bestDistance = d;
                }
            }
        }
        return best == null || bestDistance > Math.max(3, name.length() / 2) ? " (no similar name in the view)"
                : " (did you mean '" + best + "'?)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitution, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private String at(Code code) {
        TemplateContext tc = contextOf(code);
        return tc == null ? where : Path.of(where, tc.file()) + " line " + tc.line();
    }

    private static final Field CONTEXT = contextField();

    private static Field contextField() {
        try {
            // Mustache.java keeps a tag's file and line in a protected field and offers no getter.
            Field f = DefaultCode.class.getDeclaredField("tc");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static TemplateContext contextOf(Code code) {
        if (CONTEXT == null || !(code instanceof DefaultCode)) {
            return null;
        }
        try {
            return (TemplateContext) CONTEXT.get(code);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** A name of a view: its element scope when it is a list or an object with names of its own. */
    private record Member(Scope element, boolean mayBeAbsent, Class<?> type) {
        static final Member ANY = new Member(null, false, null);
    }

    /** The names one object offers to a template. */
    private record Scope(Map<String, Member> members) {

        static Scope of(Class<?> type) {
            Map<String, Member> members = new TreeMap<>();
            if (type.isRecord()) {
                for (RecordComponent rc : type.getRecordComponents()) {
                    members.put(rc.getName(), new Member(elementOf(rc.getGenericType()), rc.isAnnotationPresent(MayBeAbsent.class),
                            rc.getType()));
                }
            }
            for (Method m : type.getMethods()) {
                if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || OBJECT_METHODS.contains(m.getName())
                        || m.getReturnType() == void.class) {
                    continue;
                }
                Member member = new Member(elementOf(m.getGenericReturnType()), false, m.getReturnType());
                members.putIfAbsent(beanName(m.getName()), member);
                members.putIfAbsent(m.getName(), member);
            }
            return new Scope(members);
        }

        private static String beanName(String method) {
            for (String prefix : List.of("get", "is")) {
                if (method.length() > prefix.length() && method.startsWith(prefix)
                        && Character.isUpperCase(method.charAt(prefix.length()))) {
                    return Character.toLowerCase(method.charAt(prefix.length())) + method.substring(prefix.length() + 1);
                }
            }
            return method;
        }

        /** The scope a section over a value of this type opens: list elements, or the object itself; null for plain values. */
        private static Scope elementOf(Type type) {
            if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                    && Collection.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 1) {
                return p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord() ? of(c) : null;
            }
            if (type instanceof Class<?> c && c.isRecord()) {
                return of(c);
            }
            return null;
        }
    }
}
