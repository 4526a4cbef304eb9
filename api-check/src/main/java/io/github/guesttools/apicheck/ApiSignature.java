package io.github.guesttools.apicheck;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A module's public API as text, one line per type and per member, in a stable order: every public
 * or protected type (reachable from outside: its enclosing types are too) outside packages named
 * {@code internal}, with its public and protected fields, constructors and methods. Read by
 * reflection from the compiled classes without initialising them. Like Kotlin's
 * binary-compatibility-validator {@code .api} files: a change to this text is a change to the API.
 */
public final class ApiSignature {
    private static final int TYPE_MODIFIERS =
            Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.ABSTRACT | Modifier.FINAL;
    private static final int MEMBER_MODIFIERS =
            Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.ABSTRACT | Modifier.FINAL;

    private ApiSignature() {}

    /**
     * The API of the classes under {@code classesDir}, loaded through {@code loader} (which must see
     * them and their dependencies): types in name order, each header line followed by its indented,
     * sorted members and an empty line.
     */
    public static List<String> of(Path classesDir, ClassLoader loader) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.walk(classesDir)) {
            names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> className(classesDir.relativize(f)))
                    .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
                    .filter(n -> !isInternal(n))
                    .sorted()
                    .collect(Collectors.toList());
        }
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            Class<?> type = load(name, loader);
            if (isApi(type)) {
                lines.add(header(type));
                members(type).forEach(m -> lines.add("    " + m));
                lines.add("");
            }
        }
        return lines;
    }

    /** Whether a class is in a package named {@code internal} (or below one). */
    static boolean isInternal(String className) {
        int lastDot = className.lastIndexOf('.');
        String pkg = lastDot < 0 ? "" : className.substring(0, lastDot);
        return Arrays.asList(pkg.split("\\.")).contains("internal");
    }

    private static String className(Path relative) {
        String path = relative.toString();
        return path.substring(0, path.length() - ".class".length())
                .replace(relative.getFileSystem().getSeparator(), ".");
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + name + " to read its API", e);
        }
    }

    /** Public or protected, not synthetic, anonymous or local, and so is every enclosing type. */
    private static boolean isApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass() || !visible(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    static String header(Class<?> type) {
        int mods = type.getModifiers() & TYPE_MODIFIERS;
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            mods &= ~Modifier.ABSTRACT;
        } else if (type.isInterface()) {
            kind = "interface";
            mods &= ~Modifier.ABSTRACT;
        } else if (type.isEnum()) {
            kind = "enum";
        } else if (type.isRecord()) {
            kind = "record";
        } else {
            kind = "class";
        }
        StringBuilder b = new StringBuilder();
        append(b, Modifier.toString(mods));
        append(b, kind + " " + type.getName() + typeParameters(type.getTypeParameters()));
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && !type.isEnum() && !type.isRecord() && superclass != Object.class) {
            append(b, "extends " + superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            append(b, (type.isInterface() ? "extends " : "implements ") + names(interfaces));
        }
        if (type.isSealed()) {
            append(
                    b,
                    "permits "
                            + Arrays.stream(type.getPermittedSubclasses())
                                    .map(Class::getName)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        }
        return b.toString();
    }

    static List<String> members(Class<?> type) {
        List<String> members = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (isApi(f)) {
                members.add(modifiers(f) + f.getGenericType().getTypeName() + " " + f.getName());
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (isApi(c)) {
                members.add(modifiers(c)
                        + typeParameters(c.getTypeParameters())
                        + prefix(c)
                        + type.getSimpleName()
                        + signature(c));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (isApi(m) && !m.isBridge()) {
                String mods = modifiers(m) + (m.isDefault() ? "default " : "");
                members.add(mods + typeParameters(m.getTypeParameters()) + prefix(m)
                        + m.getGenericReturnType().getTypeName() + " " + m.getName() + signature(m));
            }
        }
        members.sort(null);
        return members;
    }

    private static boolean isApi(Member m) {
        return !m.isSynthetic() && visible(m.getModifiers());
    }

    private static String modifiers(Member m) {
        String mods = Modifier.toString(m.getModifiers() & MEMBER_MODIFIERS);
        return mods.isEmpty() ? "" : mods + " ";
    }

    private static String prefix(Executable e) {
        return e.getTypeParameters().length > 0 ? " " : "";
    }

    private static String signature(Executable e) {
        Type[] params = e.getGenericParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            String name = params[i].getTypeName();
            if (e.isVarArgs() && i == params.length - 1 && name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2) + "...";
            }
            names.add(name);
        }
        String s = "(" + String.join(", ", names) + ")";
        Type[] exceptions = e.getGenericExceptionTypes();
        return exceptions.length == 0 ? s : s + " throws " + names(exceptions);
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (TypeVariable<?> v : variables) {
            Type[] bounds = v.getBounds();
            boolean plain = bounds.length == 1 && bounds[0] == Object.class;
            parts.add(
                    plain
                            ? v.getName()
                            : v.getName() + " extends "
                                    + Arrays.stream(bounds)
                                            .map(Type::getTypeName)
                                            .collect(Collectors.joining(" & ")));
        }
        return "<" + String.join(", ", parts) + ">";
    }

    private static String names(Type[] types) {
        return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
    }

    private static void append(StringBuilder b, String part) {
        if (part.isEmpty()) {
            return;
        }
        if (b.length() > 0) {
            b.append(' ');
        }
        b.append(part);
    }
}
