package dev.chainrule.syntax;

import dev.chainrule.syntax.Ast.BinaryOp;
import dev.chainrule.syntax.Ast.UnaryOp;
import dev.chainrule.syntax.CalcFile.DerivativeRequest;
import dev.chainrule.syntax.CalcFile.FunctionDecl;
import dev.chainrule.syntax.CalcFile.LocalDef;
import dev.chainrule.syntax.CalcFile.Param;
import dev.chainrule.syntax.TypeSpec.DimSpec;
import dev.chainrule.syntax.antlr.CalcBaseVisitor;
import dev.chainrule.syntax.antlr.CalcParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns ANTLR's parse tree into the {@link Ast}: drops parentheses, names operators, keeps spans. */
final class AstBuilder extends CalcBaseVisitor<Object> {
    private final Source source;

    AstBuilder(Source source) {
        this.source = source;
    }

    /** Builds a file, reporting every bad type in it together rather than only the first. */
    CalcFile file(CalcParser.CalcFileContext ctx) {
        String packageName = ctx.packageDecl() == null ? "" : ctx.packageDecl().qualifiedName().getText();
        List<Span> packageSpans = ctx.packageDecl() == null ? List.of()
                : ctx.packageDecl().qualifiedName().NAME().stream().map(name -> span(name.getSymbol())).toList();
        List<FunctionDecl> functions = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        Optional<Precision> precision = Optional.empty();
        if (ctx.precisionDecl() != null) {
            Token word = ctx.precisionDecl().NAME().getSymbol();
            precision = Precision.named(word.getText());
            if (precision.isEmpty()) {
                problems.add(new Diagnostic(source, span(word), "unknown precision '" + word.getText() + "', expected "
                        + Precision.choices()));
            }
        }
        for (CalcParser.FunctionDeclContext f : ctx.functionDecl()) {
            functions.add(function(f, problems));
        }
        if (!problems.isEmpty()) {
            throw new CalcException(problems);
        }
        return new CalcFile(source, packageName, packageSpans, precision, functions);
    }

    /** A whole expression: the body, with its {@code where} definitions if it has them. */
    Ast singleExpr(CalcParser.SingleExprContext ctx) {
        Ast body = expr(ctx.expr());
        CalcParser.WhereContext where = ctx.where();
        if (where == null) {
            return body;
        }
        Token word = where.WHERE().getSymbol();
        List<Ast.Definition> definitions = new ArrayList<>();
        for (CalcParser.DefinitionContext d : where.definition()) {
            definitions.add(new Ast.Definition(d.NAME().getText(), expr(d.expr()), span(d.NAME().getSymbol())));
        }
        return new Ast.Where(body, definitions, span(word));
    }

    Param param(CalcParser.ParamContext p) {
        return new Param(p.NAME().getText(), type(p.type()), span(p.NAME().getSymbol()));
    }

    private FunctionDecl function(CalcParser.FunctionDeclContext ctx, List<Diagnostic> problems) {
        List<Param> params = new ArrayList<>();
        for (CalcParser.ParamContext p : ctx.param()) {
            try {
                params.add(param(p));
            } catch (CalcException badType) {
                problems.addAll(badType.diagnostics());
            }
        }
        List<LocalDef> locals = new ArrayList<>();
        for (CalcParser.LocalDefContext l : ctx.localDef()) {
            locals.add(new LocalDef(l.NAME().getText(), expr(l.expr()), span(l.NAME().getSymbol())));
        }
        List<DerivativeRequest> requests = new ArrayList<>();
        for (CalcParser.RequestContext r : ctx.request()) {
            DerivativeRequest.Kind kind = switch (r.kind.getType()) {
                case CalcParser.GRADIENT -> DerivativeRequest.Kind.GRADIENT;
                case CalcParser.JACOBIAN -> DerivativeRequest.Kind.JACOBIAN;
                case CalcParser.HVP -> DerivativeRequest.Kind.HVP;
                default -> DerivativeRequest.Kind.HESSIAN;
            };
            List<Ast.Name> wrt = new ArrayList<>();
            for (TerminalNode name : r.NAME()) {
                wrt.add(new Ast.Name(name.getText(), span(name.getSymbol())));
            }
            requests.add(new DerivativeRequest(kind, wrt, span(r.kind)));
        }
        return new FunctionDecl(ctx.NAME().getText(), params, locals, expr(ctx.expr()), requests,
                span(ctx.NAME().getSymbol()));
    }

    TypeSpec type(CalcParser.TypeContext ctx) {
        Token nameToken = ctx.NAME().getSymbol();
        String name = nameToken.getText();
        List<DimSpec> dims = new ArrayList<>();
        for (CalcParser.DimContext d : ctx.dim()) {
            dims.add(dim(d));
        }
        Span span = span(nameToken);
        TypeSpec.Kind kind = switch (name) {
            case "scalar" -> TypeSpec.Kind.SCALAR;
            case "vector" -> TypeSpec.Kind.VECTOR;
            case "matrix" -> TypeSpec.Kind.MATRIX;
            case "symmetric" -> TypeSpec.Kind.SYMMETRIC;
            default -> throw CalcException.at(source, span,
                    "unknown type '" + name + "': expected scalar, vector[n], matrix[m,n] or symmetric[n]");
        };
        int expected = kind.dimensions;
        if (dims.size() != expected) {
            String given = dims.size() == 1 ? "1 dimension" : dims.size() + " dimensions";
            String message = switch (kind) {
                case SCALAR -> "scalar takes no dimensions: write scalar, not scalar[" + join(dims) + "]";
                case VECTOR -> dims.isEmpty() ? "vector needs one dimension, as in vector[n]"
                        : "vector takes one dimension, as in vector[n], not " + given;
                case MATRIX -> dims.isEmpty() ? "matrix needs two dimensions, as in matrix[m,n]"
                        : "matrix takes two dimensions, as in matrix[m,n], not " + given;
                case SYMMETRIC -> dims.isEmpty() ? "symmetric needs one dimension, as in symmetric[n]"
                        : "symmetric takes one dimension, its size, as in symmetric[n], not " + given;
            };
            throw CalcException.at(source, span, message);
        }
        return new TypeSpec(kind, dims, span);
    }

    private static String join(List<DimSpec> dims) {
        return String.join(",", dims.stream().map(DimSpec::toString).toList());
    }

    private DimSpec dim(CalcParser.DimContext ctx) {
        Token token = ctx.getStart();
        Span span = span(token);
        if (ctx.NAME() != null) {
            return DimSpec.symbolic(token.getText(), span);
        }
        String text = token.getText();
        int size;
        try {
            size = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw CalcException.at(source, span, text.chars().allMatch(Character::isDigit)
                    ? "dimension " + text + " is too large (at most " + Integer.MAX_VALUE + ")"
                    : "a dimension must be a name or a positive whole number, not " + text);
        }
        if (size < 1) {
            throw CalcException.at(source, span, "a dimension must be at least 1, not " + text);
        }
        return DimSpec.fixed(size, span);
    }

    Ast expr(CalcParser.ExprContext ctx) {
        return (Ast) visit(ctx);
    }

    @Override
    public Object visitParens(CalcParser.ParensContext ctx) {
        return visit(ctx.expr());
    }

    @Override
    public Object visitNumber(CalcParser.NumberContext ctx) {
        String text = ctx.NUMBER().getText();
        return new Ast.Number(Double.parseDouble(text), text, span(ctx.NUMBER().getSymbol()));
    }

    @Override
    public Object visitName(CalcParser.NameContext ctx) {
        return new Ast.Name(ctx.NAME().getText(), span(ctx.NAME().getSymbol()));
    }

    @Override
    public Object visitCall(CalcParser.CallContext ctx) {
        List<Ast> args = new ArrayList<>();
        for (CalcParser.ExprContext arg : ctx.expr()) {
            args.add(expr(arg));
        }
        return new Ast.Call(ctx.NAME().getText(), args, span(ctx.NAME().getSymbol()));
    }

    @Override
    public Object visitLiteral(CalcParser.LiteralContext ctx) {
        List<List<Ast>> rows = new ArrayList<>();
        for (CalcParser.BlockRowContext row : ctx.blockRow()) {
            List<Ast> entries = new ArrayList<>();
            for (CalcParser.ExprContext entry : row.expr()) {
                entries.add(expr(entry));
            }
            rows.add(entries);
        }
        return new Ast.Literal(rows, span(ctx.getStart()));
    }

    @Override
    public Object visitEntries(CalcParser.EntriesContext ctx) {
        List<Ast.Index> indices = new ArrayList<>();
        for (CalcParser.IndexContext index : ctx.index()) {
            Ast first = expr(index.expr(0));
            indices.add(new Ast.Index(first, index.expr().size() > 1 ? expr(index.expr(1)) : first));
        }
        Token bracket = ((org.antlr.v4.runtime.tree.TerminalNode) ctx.getChild(1)).getSymbol();
        return new Ast.Entries(expr(ctx.expr()), indices, span(bracket));
    }

    @Override
    public Object visitTranspose(CalcParser.TransposeContext ctx) {
        return new Ast.Unary(UnaryOp.TRANSPOSE, expr(ctx.expr()), span(ctx.op));
    }

    @Override
    public Object visitUnary(CalcParser.UnaryContext ctx) {
        Ast operand = expr(ctx.expr());
        return ctx.op.getType() == CalcParser.PLUS ? operand : new Ast.Unary(UnaryOp.NEGATE, operand, span(ctx.op));
    }

    @Override
    public Object visitPower(CalcParser.PowerContext ctx) {
        BinaryOp op = ctx.op.getType() == CalcParser.CARET ? BinaryOp.POWER : BinaryOp.ELEMENT_POWER;
        return new Ast.Binary(op, expr(ctx.expr(0)), expr(ctx.expr(1)), span(ctx.op));
    }

    @Override
    public Object visitSuperscriptPower(CalcParser.SuperscriptPowerContext ctx) {
        Token token = ctx.SUPERSCRIPT().getSymbol();
        String digits = superscriptDigits(token.getText());
        Span span = span(token);
        return new Ast.Binary(BinaryOp.ELEMENT_POWER, expr(ctx.expr()),
                new Ast.Number(Double.parseDouble(digits), digits, span), span);
    }

    @Override
    public Object visitMultiplicative(CalcParser.MultiplicativeContext ctx) {
        BinaryOp op = switch (ctx.op.getType()) {
            case CalcParser.STAR -> BinaryOp.MULTIPLY;
            case CalcParser.SLASH -> BinaryOp.DIVIDE;
            case CalcParser.DOT_STAR, CalcParser.ODOT, CalcParser.RING -> BinaryOp.HADAMARD;
            case CalcParser.DOT_SLASH, CalcParser.OSLASH -> BinaryOp.ELEMENT_DIVIDE;
            default -> BinaryOp.DOT;
        };
        return new Ast.Binary(op, expr(ctx.expr(0)), expr(ctx.expr(1)), span(ctx.op));
    }

    @Override
    public Object visitAdditive(CalcParser.AdditiveContext ctx) {
        BinaryOp op = ctx.op.getType() == CalcParser.PLUS ? BinaryOp.ADD : BinaryOp.SUBTRACT;
        return new Ast.Binary(op, expr(ctx.expr(0)), expr(ctx.expr(1)), span(ctx.op));
    }

    private static String superscriptDigits(String superscript) {
        StringBuilder digits = new StringBuilder();
        superscript.codePoints().forEach(c -> digits.append(switch (c) {
            case '\u2070' -> '0';
            case '\u00B9' -> '1';
            case '\u00B2' -> '2';
            case '\u00B3' -> '3';
            default -> (char) ('4' + (c - '\u2074'));
        }));
        return digits.toString();
    }

    Span span(Token token) {
        int length = Math.max(1, token.getStopIndex() - token.getStartIndex() + 1);
        return new Span(Math.max(1, token.getLine()), token.getCharPositionInLine() + 1, length);
    }
}
