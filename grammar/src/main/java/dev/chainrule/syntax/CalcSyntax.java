package dev.chainrule.syntax;

import dev.chainrule.syntax.antlr.CalcLexer;
import dev.chainrule.syntax.antlr.CalcParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.LL1Analyzer;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * The parser's public face: text in, {@link Ast} or {@link CalcFile} out, or a {@link CalcException}
 * whose diagnostics say where and what. Parsing tries ANTLR's fast SLL mode first and falls back to
 * full LL only when SLL fails, as Trino's SqlParser does; every start rule ends in EOF.
 */
public final class CalcSyntax {
    /**
     * The longest name, in characters: far beyond any name a person writes, and short enough that
     * every name stays within what Java allows wherever generated code uses it (a class-file
     * constant holds at most 65,535 bytes) and a class named after a function can be a file.
     */
    public static final int MAX_NAME_LENGTH = 100;

    private CalcSyntax() {}

    /**
     * Parses a single expression such as {@code x'*A*x}, or one with names for subexpressions,
     * {@code sum(t.^2) where t = A*x - y} (an {@link Ast.Where}).
     */
    public static Ast parseExpression(Source source) {
        return parse(source, parser -> parser.singleExpr(), tree -> new AstBuilder(source).singleExpr(tree));
    }

    public static Ast parseExpression(String text) {
        return parseExpression(Source.ofExpression(text));
    }

    /** Parses a {@code .calc} file: an optional package and its functions. */
    public static CalcFile parseFile(Source source) {
        return parse(source, parser -> parser.calcFile(), tree -> new AstBuilder(source).file(tree));
    }

    /** Parses a type such as {@code scalar}, {@code vector[n]} or {@code matrix[m,3]}. */
    public static TypeSpec parseType(Source source) {
        return parse(source, parser -> parser.singleType(), tree -> new AstBuilder(source).type(tree.type()));
    }

    /**
     * Parses a declaration such as {@code x: vector[n]}, as a parameter of a function is written:
     * the one reading of {@code NAME: TYPE} for every tool (the CLI's {@code --var}, the annotation
     * processor's {@code vars}), so that names and types follow the grammar everywhere.
     */
    public static CalcFile.Param parseDeclaration(Source source) {
        return parse(source, parser -> parser.singleParam(), tree -> new AstBuilder(source).param(tree.param()));
    }

    /**
     * Whether {@code text} is exactly one name of the language: a letter or underscore, then letters,
     * digits and underscores, and not a keyword ({@code function}, {@code wrt}, ...). The one rule
     * for names, for every tool that takes a name outside a file.
     */
    public static boolean isName(String text) {
        CalcLexer lexer = new CalcLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<? extends Token> tokens = lexer.getAllTokens();
        return tokens.size() == 1 && tokens.get(0).getType() == CalcLexer.NAME
                && tokens.get(0).getText().equals(text) && !tooLong(tokens.get(0));
    }

    /**
     * Parses with {@code rule}, then builds the result from the parse tree. The builder only ever
     * sees a tree without syntax errors: ANTLR's error recovery leaves holes (missing children)
     * that the builder is not written to fill.
     */
    private static <C extends ParserRuleContext, T> T parse(Source source, Function<CalcParser, C> rule,
                                                            Function<C, T> build) {
        try {
            C tree;
            CalcParser used;
            try {
                used = parser(source, null);
                used.getInterpreter().setPredictionMode(PredictionMode.SLL);
                used.setErrorHandler(new BailErrorStrategy());
                tree = rule.apply(used);
            } catch (ParseCancellationException sllFailed) {
                // SLL is not enough, or the input is wrong: the full LL parse decides and reports.
                List<Diagnostic> diagnostics = new ArrayList<>();
                used = parser(source, diagnostics);
                used.getInterpreter().setPredictionMode(PredictionMode.LL);
                used.setErrorHandler(new Recovery());
                try {
                    tree = rule.apply(used);
                } catch (ParseCancellationException gaveUp) {
                    if (diagnostics.isEmpty()) {
                        throw gaveUp;
                    }
                    throw new CalcException(diagnostics);
                }
                if (!diagnostics.isEmpty()) {
                    throw new CalcException(diagnostics);
                }
            }
            rejectLongNames(source, used);
            return build.apply(tree);
        } catch (StackOverflowError tooDeep) {
            throw CalcException.at(source, Span.UNKNOWN,
                    "input nested too deeply to parse (run with a larger stack, -Xss, for more)");
        }
    }

    /** Every name longer than {@link #MAX_NAME_LENGTH}, reported where it starts. */
    private static void rejectLongNames(Source source, CalcParser parser) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Token token : ((BufferedTokenStream) parser.getTokenStream()).getTokens()) {
            if (token.getType() == CalcLexer.NAME && tooLong(token)) {
                String text = token.getText();
                diagnostics.add(new Diagnostic(source, new Span(Math.max(1, token.getLine()),
                        token.getCharPositionInLine() + 1, 1), "a name of " + text.codePointCount(0, text.length())
                        + " characters, '" + text.substring(0, text.offsetByCodePoints(0, 12)) + "…': names have at most "
                        + MAX_NAME_LENGTH + " characters"));
            }
        }
        if (!diagnostics.isEmpty()) {
            throw new CalcException(diagnostics);
        }
    }

    private static boolean tooLong(Token name) {
        String text = name.getText();
        return text.codePointCount(0, text.length()) > MAX_NAME_LENGTH;
    }

    /**
     * ANTLR's error recovery, which goes on after an error to find more, except deep inside nested
     * input: there each enclosing rule recomputes its recovery set from the whole rule stack, which
     * makes recovering from an error 10,000 parentheses deep take seconds. There the parse stops at
     * the first error, which has been reported by then.
     */
    private static final class Recovery extends DefaultErrorStrategy {
        /** Rule invocations; ordinary input nests a few dozen deep. */
        private static final int MAX_RECOVERY_DEPTH = 200;

        @Override
        protected IntervalSet getErrorRecoverySet(Parser recognizer) {
            int depth = 0;
            for (RuleContext ctx = recognizer.getContext(); ctx != null; ctx = ctx.parent) {
                if (++depth > MAX_RECOVERY_DEPTH) {
                    throw new ParseCancellationException("stopped at the first error, " + depth + " rules deep");
                }
            }
            return super.getErrorRecoverySet(recognizer);
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

    /**
     * Turns ANTLR's errors into one short, positioned sentence each: what was found and, in the
     * user's terms, what could have come instead ("an expression", not the five tokens that can
     * start one).
     */
    private static final class Collector extends BaseErrorListener {
        private static final int LEFT_PAREN = literalType("'('");
        private static final int SEMICOLON = literalType("';'");
        private static final int EQUALS = literalType("'='");
        private static final int COMMA = literalType("','");
        private static final int LEFT_BRACKET = literalType("'['");
        private static final int RIGHT_PAREN = literalType("')'");
        private static final int RIGHT_BRACKET = literalType("']'");
        /** Longer lists of what was expected help nobody; the message then just says what was found. */
        private static final int MAX_EXPECTED = 6;
        /** Tokens that can start an operand; after a complete operand they mean an operator is missing. */
        private static final Set<Integer> OPERAND_STARTS = Set.of(CalcLexer.NAME, CalcLexer.NUMBER, LEFT_PAREN,
                LEFT_BRACKET);
        /**
         * Tokens that can follow an operand and extend it ('[' takes entries, 'where' names parts of
         * a whole expression); listing them as expected is noise.
         */
        private static final Set<Integer> OPERATORS = Set.of(LEFT_BRACKET, CalcLexer.WHERE, CalcLexer.QUOTE, CalcLexer.SUPER_T, CalcLexer.CARET,
                CalcLexer.DOT_CARET, CalcLexer.SUPERSCRIPT, CalcLexer.STAR, CalcLexer.SLASH, CalcLexer.DOT_STAR,
                CalcLexer.DOT_SLASH, CalcLexer.ODOT, CalcLexer.RING, CalcLexer.OSLASH, CalcLexer.MIDDOT,
                CalcLexer.DOT, CalcLexer.PLUS, CalcLexer.MINUS);

        private final Source source;
        private final List<Diagnostic> sink;

        Collector(Source source, List<Diagnostic> sink) {
            this.source = source;
            this.sink = sink;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                String antlrMessage, RecognitionException e) {
            Parser parser = (Parser) recognizer;
            Token token = (Token) offendingSymbol;
            Token previous = previous(parser, token);
            switch (token.getType()) {
                case CalcLexer.UNEXPECTED -> {
                    report(at(token), "unexpected character " + character(token.getText()));
                    return;
                }
                case CalcLexer.UNTERMINATED_COMMENT -> {
                    report(at(token), "unterminated comment: '/*' needs a closing '*/'");
                    return;
                }
                default -> { }
            }
            IntervalSet expectedSet = new IntervalSet(expectedTokens(parser, e));
            // The list of variables that has just ended could have gone on: wrt w, b.
            if (lastChild(parser.getContext()) instanceof CalcParser.RequestContext) {
                expectedSet.add(COMMA);
            }
            List<String> expected = expectedNames(parser, token, expectedSet);
            openBracket = unclosedBracket(parser, token, expectedSet);
            String hint = token.getType() == CalcLexer.STAR && previous != null && previous.getType() == CalcLexer.STAR
                    ? " (write ^ for a power of a scalar, .^ for an element-wise power)" : "";
            if (token.getType() == Token.EOF) {
                // The caret goes just after the last token, where something is missing, rather
                // than on the empty line after a final newline.
                report(previous == null ? at(token) : after(previous),
                        "unexpected end of input" + expecting(expected) + hint);
            } else if (previous != null && previous.getLine() < token.getLine() && expectedSet.contains(SEMICOLON)
                    && !expected.isEmpty() && expected.size() <= MAX_EXPECTED) {
                // Most often a forgotten ';' at the end of a line: point there, not at the next line.
                report(after(previous), "expected " + orList(expected) + " at the end of this line, found "
                        + quote(token.getText()) + " on line " + token.getLine());
            } else {
                report(at(token), "unexpected " + quote(token.getText()) + expecting(expected) + hint);
            }
        }

        /** The bracket a closing one that was expected would match, for a note; or null. */
        private Token openBracket;

        private void report(Span span, String message) {
            Diagnostic diagnostic = new Diagnostic(source, span, message);
            if (openBracket != null) {
                diagnostic = diagnostic.withNote(at(openBracket), quote(openBracket.getText())
                        + " opened here is not closed");
                openBracket = null;
            }
            sink.add(diagnostic);
        }

        /** The brackets open before token {@link #scanned}: kept as errors come, in order, so a file of many errors stays linear. */
        private final java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
        private int scanned;

        /**
         * The innermost bracket still open before the offending token, when its closing bracket is
         * among what was expected: a missing ')' is found only where parsing fails, often lines
         * later, so the note points back at the '(' it leaves open.
         */
        private Token unclosedBracket(Parser parser, Token offending, IntervalSet expected) {
            if (offending.getTokenIndex() < scanned) {
                open.clear();
                scanned = 0;
            }
            for (; scanned < offending.getTokenIndex(); scanned++) {
                Token t = parser.getTokenStream().get(scanned);
                if (t.getType() == LEFT_PAREN || t.getType() == LEFT_BRACKET) {
                    open.push(t);
                } else if ((t.getType() == RIGHT_PAREN || t.getType() == RIGHT_BRACKET) && !open.isEmpty()) {
                    open.pop();
                }
            }
            if (open.isEmpty()) {
                return null;
            }
            int closer = open.peek().getType() == LEFT_PAREN ? RIGHT_PAREN : RIGHT_BRACKET;
            return expected.contains(closer) ? open.peek() : null;
        }

        private static Token previous(Parser parser, Token token) {
            int index = token.getTokenIndex();
            return index > 0 ? parser.getTokenStream().get(index - 1) : null;
        }

        /** The span of a token; for the end of input, a single column. */
        private static Span at(Token token) {
            int length = token.getType() == Token.EOF ? 1 : length(token);
            return new Span(Math.max(1, token.getLine()), token.getCharPositionInLine() + 1, length);
        }

        /** The column just after a token. */
        private static Span after(Token token) {
            return new Span(Math.max(1, token.getLine()), token.getCharPositionInLine() + length(token) + 1, 1);
        }

        private static int length(Token token) {
            return Math.max(1, token.getStopIndex() - token.getStartIndex() + 1);
        }

        private static String expecting(List<String> expected) {
            return expected.isEmpty() || expected.size() > MAX_EXPECTED ? "" : ", expected " + orList(expected);
        }

        /**
         * What could have come instead, in the user's terms: "an expression" for the tokens that
         * can start one; operators left out, since one can follow any operand, except that "an
         * operator" is named when two operands stand side by side, as in {@code 2x} or {@code sin x}.
         */
        private static List<String> expectedNames(Parser parser, Token token, IntervalSet expected) {
            boolean afterOperand = expected.toList().stream().anyMatch(OPERATORS::contains)
                    || lastChildIsExpression(parser.getContext());
            boolean expression = expected.contains(CalcLexer.NAME) && expected.contains(CalcLexer.NUMBER)
                    && expected.contains(LEFT_PAREN);
            List<String> names = new ArrayList<>();
            if (expression) {
                names.add("an expression");
            } else if (afterOperand && OPERAND_STARTS.contains(token.getType())) {
                names.add("an operator");
            }
            // In a function's body, "x = " would start a local definition; when ';' is also possible,
            // the ';' is what is missing, and '=' in the list only puzzles.
            boolean localOrBody = expected.contains(SEMICOLON)
                    && parser.getContext() instanceof CalcParser.FunctionDeclContext;
            boolean endOfInput = false;
            for (int type : expected.toList()) {
                if (type == Token.EOF) {
                    endOfInput = true;
                } else if (OPERATORS.contains(type) || expression && OPERAND_STARTS.contains(type)
                        || afterOperand && type == LEFT_PAREN || localOrBody && type == EQUALS) {
                    // After an operand, '(' is only the start of a call such as f(x): noise here.
                    continue;
                } else {
                    names.add(tokenName(parser, type));
                }
            }
            if (endOfInput) {
                names.add("end of input");
            }
            return names;
        }

        /**
         * The tokens that could have stood where the offending one does. When prediction looked
         * ahead several tokens before failing, as in {@code = x function} (a local definition
         * {@code x = ...} or the body {@code x}?), ANTLR's own set is the one at the start of the
         * decision ("an expression"), which is wrong at the offending token; the configurations
         * the prediction was still in just before it give the right one.
         */
        private static IntervalSet expectedTokens(Parser parser, RecognitionException e) {
            if (e instanceof NoViableAltException noViable && noViable.getDeadEndConfigs() != null) {
                ATN atn = parser.getATN();
                IntervalSet expected = new IntervalSet();
                for (ATNConfig config : noViable.getDeadEndConfigs()) {
                    ATNState state = config.state;
                    if (state instanceof RuleStopState) {
                        // The decision's rule could end here: whatever may follow its invocation.
                        expected.addAll(state.ruleIndex == parser.getContext().getRuleIndex()
                                ? new LL1Analyzer(atn).LOOK(state, null, parser.getContext())
                                : IntervalSet.of(Token.EOF));
                        continue;
                    }
                    for (int i = 0; i < state.getNumberOfTransitions(); i++) {
                        Transition transition = state.transition(i);
                        if (!transition.isEpsilon() && transition.label() != null) {
                            expected.addAll(transition.label());
                        }
                    }
                }
                if (!expected.isNil()) {
                    return expected;
                }
            }
            return e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        }

        /** Whether the rule being parsed has just read a whole expression, which an operator could extend. */
        private static boolean lastChildIsExpression(ParserRuleContext context) {
            return lastChild(context) instanceof CalcParser.ExprContext;
        }

        private static ParseTree lastChild(ParserRuleContext context) {
            return context == null || context.getChildCount() == 0 ? null
                    : context.getChild(context.getChildCount() - 1);
        }

        /** A stray character, quoted if it can be seen, by its code point if it cannot. */
        private static String character(String text) {
            int c = text.codePointAt(0);
            int kind = Character.getType(c);
            boolean invisible = Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || kind == Character.FORMAT || kind == Character.UNASSIGNED || kind == Character.PRIVATE_USE
                    || kind == Character.SURROGATE || kind == Character.NON_SPACING_MARK
                    || kind == Character.ENCLOSING_MARK;
            return invisible ? String.format(Locale.ROOT, "U+%04X", c) : quote(text);
        }

        /** Text in single quotes, or in double quotes if it is itself a quote, as the transpose is. */
        private static String quote(String text) {
            return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
        }

        /** The type ANTLR gave an implicit token such as {@code '('}, which has no name of its own. */
        private static int literalType(String literal) {
            for (int type = 1; type <= CalcLexer.VOCABULARY.getMaxTokenType(); type++) {
                if (literal.equals(CalcLexer.VOCABULARY.getLiteralName(type))) {
                    return type;
                }
            }
            throw new IllegalStateException("no token " + literal + " in the grammar");
        }

        private static String orList(List<String> names) {
            if (names.size() == 1) {
                return names.get(0);
            }
            return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        }

        private static String tokenName(Parser parser, int type) {
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
