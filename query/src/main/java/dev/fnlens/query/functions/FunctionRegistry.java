package dev.fnlens.query.functions;

import dev.fnlens.query.functions.FunctionSpec.Kind;
import dev.fnlens.query.functions.FunctionSpec.TimeResult;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every function of the language, looked up case-insensitively. The one place to add a function. */
public final class FunctionRegistry {

    private static final int V = FunctionSpec.VARIADIC;
    private static final Map<String, FunctionSpec> SPECS = new TreeMap<>();

    static {
        scalar("abs", 1, 1, MathFunctions::abs);
        scalar("ceil", 1, 1, MathFunctions::ceil);
        scalar("floor", 1, 1, MathFunctions::floor);
        scalar("log", 1, 1, MathFunctions::log);
        scalar("sqrt", 1, 1, MathFunctions::sqrt);
        add("greatest", Kind.SCALAR, 1, V, TimeResult.AS_FIRST_ARG, -1, MathFunctions::greatest);
        add("least", Kind.SCALAR, 1, V, TimeResult.AS_FIRST_ARG, -1, MathFunctions::least);

        scalar("ispresent", 1, 1, args -> args[0] != null);
        add("coalesce", Kind.SCALAR, 1, V, TimeResult.AS_FIRST_ARG, -1, StringFunctions::coalesce);

        scalar("isempty", 1, 1, StringFunctions::isEmpty);
        scalar("isblank", 1, 1, StringFunctions::isBlank);
        scalar("concat", 1, V, StringFunctions::concat);
        scalar("ltrim", 1, 2, StringFunctions::ltrim);
        scalar("rtrim", 1, 2, StringFunctions::rtrim);
        scalar("trim", 1, 2, StringFunctions::trim);
        scalar("strlen", 1, 1, StringFunctions::strlen);
        scalar("toupper", 1, 1, StringFunctions::toUpper);
        scalar("tolower", 1, 1, StringFunctions::toLower);
        scalar("substr", 2, 3, StringFunctions::substr);
        scalar("replace", 3, 3, StringFunctions::replace);
        scalar("strcontains", 2, 2, StringFunctions::strcontains);

        // bin(p) is datefloor(@timestamp, p); the planner supplies @timestamp
        add("bin", Kind.SCALAR, 1, 1, TimeResult.YES, 0, TimeFunctions::datefloor);
        add("datefloor", Kind.SCALAR, 2, 2, TimeResult.YES, 1, TimeFunctions::datefloor);
        add("dateceil", Kind.SCALAR, 2, 2, TimeResult.YES, 1, TimeFunctions::dateceil);
        add("fromMillis", Kind.SCALAR, 1, 1, TimeResult.YES, -1, TimeFunctions::fromMillis);
        scalar("toMillis", 1, 1, TimeFunctions::toMillis);

        scalar("isValidIp", 1, 1, IpFunctions::isValidIp);
        scalar("isValidIpV4", 1, 1, IpFunctions::isValidIpV4);
        scalar("isValidIpV6", 1, 1, IpFunctions::isValidIpV6);
        scalar("isIpInSubnet", 2, 2, IpFunctions::isIpInSubnet);
        scalar("isIpv4InSubnet", 2, 2, IpFunctions::isIpv4InSubnet);
        scalar("isIpv6InSubnet", 2, 2, IpFunctions::isIpv6InSubnet);

        aggregate("count", 0, 1, TimeResult.NO);
        aggregate("count_distinct", 1, 1, TimeResult.NO);
        aggregate("sum", 1, 1, TimeResult.NO);
        aggregate("avg", 1, 1, TimeResult.NO);
        aggregate("stddev", 1, 1, TimeResult.NO);
        aggregate("pct", 2, 2, TimeResult.AS_FIRST_ARG);
        aggregate("percentile", 2, 2, TimeResult.AS_FIRST_ARG);
        aggregate("min", 1, 1, TimeResult.AS_FIRST_ARG);
        aggregate("max", 1, 1, TimeResult.AS_FIRST_ARG);
        aggregate("earliest", 1, 1, TimeResult.AS_FIRST_ARG);
        aggregate("latest", 1, 1, TimeResult.AS_FIRST_ARG);
        aggregate("sortsFirst", 1, 1, TimeResult.AS_FIRST_ARG);
        aggregate("sortsLast", 1, 1, TimeResult.AS_FIRST_ARG);
    }

    private FunctionRegistry() {
    }

    public static Optional<FunctionSpec> lookup(String name) {
        return Optional.ofNullable(SPECS.get(name.toLowerCase(Locale.ROOT)));
    }

    private static void scalar(String name, int min, int max, ScalarFunction impl) {
        add(name, Kind.SCALAR, min, max, TimeResult.NO, -1, impl);
    }

    private static void aggregate(String name, int min, int max, TimeResult time) {
        add(name, Kind.AGGREGATE, min, max, time, -1, null);
    }

    private static void add(String name, Kind kind, int min, int max, TimeResult time, int periodArg,
                            ScalarFunction impl) {
        SPECS.put(name.toLowerCase(Locale.ROOT), new FunctionSpec(name, kind, min, max, time, periodArg, impl));
    }
}
