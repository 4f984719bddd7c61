package dev.myelin.isa.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one listing line into tokens. Comments run from {@code ;} or {@code #} to the end
 * of the line. Strings are double-quoted with the escapes {@code \" \\ \n \t \xNN}.
 */
final class Lexer {
    private Lexer() {
    }

    static boolean isAtomChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '_' || c == '.' || c == '+' || c == '-';
    }

    /** The tokens of {@code line} (line number {@code lineNo} for messages). */
    static List<Token> tokenize(String file, int lineNo, String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == ';' || c == '#') {
                break;
            } else if (c == '-' && i + 1 < n && line.charAt(i + 1) == '>') {
                out.add(new Token(Token.Kind.ARROW, "->", i + 1));
                i += 2;
            } else if (c == '(' || c == ')' || c == ',' || c == ':' || c == '=') {
                out.add(new Token(Token.Kind.PUNCT, String.valueOf(c), i + 1));
                i++;
            } else if (c == '"') {
                i = string(file, lineNo, line, i, out);
            } else if (isAtomChar(c)) {
                int start = i;
                while (i < n && isAtomChar(line.charAt(i)) && !(line.charAt(i) == '-' && i + 1 < n
                        && line.charAt(i + 1) == '>')) {
                    i++;
                }
                out.add(new Token(Token.Kind.ATOM, line.substring(start, i), start + 1));
            } else {
                throw ListingException.at(file, lineNo, i + 1, "unexpected character " + shown(c));
            }
        }
        return out;
    }

    private static int string(String file, int lineNo, String line, int open, List<Token> out) {
        StringBuilder sb = new StringBuilder();
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                out.add(new Token(Token.Kind.STRING, sb.toString(), open + 1));
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= line.length()) {
                    break;
                }
                char e = line.charAt(i + 1);
                switch (e) {
                    case '"', '\\' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'x' -> {
                        int v = i + 4 <= line.length() ? hex2(line, i + 2) : -1;
                        if (v < 0) {
                            throw ListingException.at(file, lineNo, i + 1, "\\x needs two hex digits");
                        }
                        sb.append((char) v);
                        i += 2;
                    }
                    default -> throw ListingException.at(file, lineNo, i + 1, "unknown escape \\" + e
                            + " (known: \\\" \\\\ \\n \\t \\xNN)");
                }
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        throw ListingException.at(file, lineNo, open + 1, "unterminated string");
    }

    private static int hex2(String s, int at) {
        int hi = Character.digit(s.charAt(at), 16);
        int lo = Character.digit(s.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }

    static String shown(char c) {
        return c >= ' ' && c < 127 ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /** A name as a bare word when it lexes back as one atom, else as a quoted string. */
    static String quoteIfNeeded(String s) {
        boolean bare = !s.isEmpty() && Character.isLetter(s.charAt(0)) && s.charAt(0) < 128;
        for (int i = 0; bare && i < s.length(); i++) {
            char c = s.charAt(i);
            bare = isAtomChar(c) && !(c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '>');
        }
        return bare ? s : quote(s);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < ' ' || c == 127) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
