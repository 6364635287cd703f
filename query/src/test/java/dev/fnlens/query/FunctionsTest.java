package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FunctionsTest {

    static final long T = Instant.parse("2024-05-01T10:00:00.123Z").toEpochMilli();
    static final MapEvent EVENT = MapEvent.of("@timestamp", T, "a", 7L, "b", 2.5, "neg", -3L, "s", "Hello World",
            "e", "", "blank", "  \t", "ip", "10.1.2.3", "ip6", "2001:db8::1", "padded", "  x ");

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("abs(neg)", "3"),
                Arguments.of("abs(b)", "2.5"),
                Arguments.of("ceil(b)", "3"),
                Arguments.of("floor(b)", "2"),
                Arguments.of("floor(-2.5)", "-3"),
                Arguments.of("greatest(a, b, 3)", "7"),
                Arguments.of("greatest(missing, b)", "2.5"),
                Arguments.of("least(a, b, 3)", "2.5"),
                Arguments.of("log(1)", "0"),
                Arguments.of("log(0)", null),
                Arguments.of("sqrt(16)", "4"),
                Arguments.of("sqrt(-1)", null),
                Arguments.of("abs(s)", null),
                Arguments.of("ispresent(a)", "true"),
                Arguments.of("ispresent(missing)", "false"),
                Arguments.of("ispresent(e)", "true"),
                Arguments.of("coalesce(missing, s)", "Hello World"),
                Arguments.of("coalesce(missing, other)", null),
                Arguments.of("isempty(e)", "true"),
                Arguments.of("isempty(missing)", "true"),
                Arguments.of("isempty(s)", "false"),
                Arguments.of("isblank(blank)", "true"),
                Arguments.of("isblank(missing)", "true"),
                Arguments.of("isblank(s)", "false"),
                Arguments.of("concat(s, \"!\", a)", "Hello World!7"),
                Arguments.of("concat(missing, s)", "Hello World"),
                Arguments.of("ltrim(padded)", "x "),
                Arguments.of("rtrim(padded)", "  x"),
                Arguments.of("trim(padded)", "x"),
                Arguments.of("trim(\"xxaxx\", \"x\")", "a"),
                Arguments.of("ltrim(\"--a--\", \"-\")", "a--"),
                Arguments.of("strlen(s)", "11"),
                Arguments.of("strlen(e)", "0"),
                Arguments.of("strlen(missing)", null),
                Arguments.of("toupper(s)", "HELLO WORLD"),
                Arguments.of("tolower(s)", "hello world"),
                Arguments.of("substr(s, 6)", "World"),
                Arguments.of("substr(s, 0, 5)", "Hello"),
                Arguments.of("substr(s, 6, 100)", "World"),
                Arguments.of("substr(s, 20)", ""),
                Arguments.of("replace(s, \"o\", \"0\")", "Hell0 W0rld"),
                Arguments.of("replace(s, \".\", \"!\")", "Hello World"),
                Arguments.of("strcontains(s, \"World\")", "1"),
                Arguments.of("strcontains(s, \"world\")", "0"),
                Arguments.of("@timestamp", "2024-05-01 10:00:00.123"),
                Arguments.of("bin(1s)", "2024-05-01 10:00:00.000"),
                Arguments.of("bin(100ms)", "2024-05-01 10:00:00.100"),
                Arguments.of("datefloor(@timestamp, 1h)", "2024-05-01 10:00:00.000"),
                Arguments.of("datefloor(@timestamp, 1d)", "2024-05-01 00:00:00.000"),
                Arguments.of("dateceil(@timestamp, 1m)", "2024-05-01 10:01:00.000"),
                Arguments.of("dateceil(@timestamp, 5min)", "2024-05-01 10:05:00.000"),
                Arguments.of("fromMillis(1714557600123)", "2024-05-01 10:00:00.123"),
                Arguments.of("toMillis(@timestamp)", Long.toString(T)),
                Arguments.of("@timestamp + 1000", "2024-05-01 10:00:01.123"),
                Arguments.of("isValidIp(ip)", "true"),
                Arguments.of("isValidIp(ip6)", "true"),
                Arguments.of("isValidIp(\"300.1.1.1\")", "false"),
                Arguments.of("isValidIp(\"localhost\")", "false"),
                Arguments.of("isValidIp(missing)", "false"),
                Arguments.of("isValidIpV4(ip)", "true"),
                Arguments.of("isValidIpV4(\"01.2.3.4\")", "false"),
                Arguments.of("isValidIpV4(ip6)", "false"),
                Arguments.of("isValidIpV6(ip6)", "true"),
                Arguments.of("isValidIpV6(\"::ffff:10.1.2.3\")", "true"),
                Arguments.of("isValidIpV6(\"::\")", "true"),
                Arguments.of("isValidIpV6(\"1::2::3\")", "false"),
                Arguments.of("isValidIpV6(\"1:2:3:4:5:6:7:8\")", "true"),
                Arguments.of("isValidIpV6(\"1:2:3:4:5:6:7\")", "false"),
                Arguments.of("isValidIpV6(ip)", "false"),
                Arguments.of("isIpInSubnet(ip, \"10.0.0.0/8\")", "true"),
                Arguments.of("isIpInSubnet(ip, \"10.2.0.0/16\")", "false"),
                Arguments.of("isIpInSubnet(ip6, \"2001:db8::/32\")", "true"),
                Arguments.of("isIpInSubnet(ip6, \"2001:db9::/32\")", "false"),
                Arguments.of("isIpv4InSubnet(ip, \"10.1.2.0/24\")", "true"),
                Arguments.of("isIpv4InSubnet(ip6, \"::/0\")", "false"),
                Arguments.of("isIpv6InSubnet(ip6, \"::/0\")", "true"),
                Arguments.of("isIpv6InSubnet(ip, \"::/0\")", "false"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("calls")
    void function_hasKnownValue(String call, String expected) {
        assertThat(Answers.eval(call, EVENT)).isEqualTo(expected);
    }
}
