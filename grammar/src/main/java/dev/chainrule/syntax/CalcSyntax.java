package dev.chainrule.syntax;

import dev.chainrule.syntax.antlr.CalcLexer;
import dev.chainrule.syntax.antlr.CalcParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The parser's public face: text in, {@link Ast} or {@link CalcFile} out, or a {@link CalcException}
 * whose diagnostics say where and what. Parsing tries ANTLR's fast SLL mode first and falls back to
 * full LL only when SLL fails, as Trino's SqlParser does; every start rule ends in EOF.
 */
public final class CalcSyntax {
    private CalcSyntax() {}

    /** Parses a single expression such as {@code x'*A*x}. */
    public static Ast parseExpression(Source source) {
        return parse(source, parser -> new AstBuilder(source).expr(parser.singleExpr().expr()));
    }

    public static Ast parseExpression(String text) {
        return parseExpression(Source.ofExpression(text));
    }

    /** Parses a {@code .calc} file: an optional package and its functions. */
    public static CalcFile parseFile(Source source) {
        return parse(source, parser -> new AstBuilder(source).file(parser.calcFile()));
    }

    /** Parses a type such as {@code scalar}, {@code vector[n]} or {@code matrix[m,3]}. */
    public static TypeSpec parseType(Source source) {
        return parse(source, parser -> new AstBuilder(source).type(parser.singleType().type()));
    }

    private static <T> T parse(Source source, Function<CalcParser, T> startRule) {
        try {
            try {
                CalcParser fast = parser(source, null);
                fast.getInterpreter().setPredictionMode(PredictionMode.SLL);
                fast.setErrorHandler(new BailErrorStrategy());
                return startRule.apply(fast);
            } catch (ParseCancellationException sllFailed) {
                // SLL is not enough, or the input is wrong: the full LL parse decides and reports.
                List<Diagnostic> diagnostics = new ArrayList<>();
                CalcParser full = parser(source, diagnostics);
                full.getInterpreter().setPredictionMode(PredictionMode.LL);
                full.setErrorHandler(new DefaultErrorStrategy());
                T result = startRule.apply(full);
                if (!diagnostics.isEmpty()) {
                    throw new CalcException(diagnostics);
                }
                return result;
            }
        } catch (StackOverflowError tooDeep) {
            throw CalcException.at(source, Span.UNKNOWN,
                    "input nested too deeply to parse (run with a larger stack, -Xss, for more)");
        }
    }

    private static CalcParser parser(Source source, List<Diagnostic> sink) {
        CalcLexer lexer = new CalcLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        CalcParser parser = new CalcParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        if (sink != null) {
            parser.addErrorListener(new Collector(source, sink));
        }
        return parser;
    }

    /** Turns ANTLR's errors into one short, positioned sentence each. */
    private static final class Collector extends BaseErrorListener {
        private final Source source;
        private final List<Diagnostic> sink;

        Collector(Source source, List<Diagnostic> sink) {
            this.source = source;
            this.sink = sink;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                String antlrMessage, RecognitionException e) {
            Token token = (Token) offendingSymbol;
            int length = token.getType() == Token.EOF ? 1
                    : Math.max(1, token.getStopIndex() - token.getStartIndex() + 1);
            Span span = new Span(Math.max(1, line), column + 1, length);
            sink.add(new Diagnostic(source, span, describe((Parser) recognizer, token, e)));
        }

        private static String describe(Parser parser, Token token, RecognitionException e) {
            String found;
            if (token.getType() == Token.EOF) {
                found = "unexpected end of input";
            } else if (token.getType() == CalcLexer.UNEXPECTED) {
                return "unexpected character '" + token.getText() + "'";
            } else {
                found = "unexpected '" + token.getText() + "'";
            }
            IntervalSet expected = e != null && e.getExpectedTokens() != null
                    ? e.getExpectedTokens() : parser.getExpectedTokens();
            List<String> names = new ArrayList<>();
            for (int type : expected.toList()) {
                names.add(tokenName(parser, type));
            }
            if (names.isEmpty() || names.size() > 6) {
                return found;
            }
            return found + ", expected " + String.join(" or ", names);
        }

        private static String tokenName(Parser parser, int type) {
            if (type == Token.EOF) {
                return "end of input";
            }
            if (type == CalcLexer.NAME) {
                return "a name";
            }
            if (type == CalcLexer.NUMBER) {
                return "a number";
            }
            String literal = parser.getVocabulary().getLiteralName(type);
            return literal != null ? literal : parser.getVocabulary().getDisplayName(type);
        }
    }
}
