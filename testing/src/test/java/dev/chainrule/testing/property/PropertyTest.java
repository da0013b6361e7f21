package dev.chainrule.testing.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner itself: it finds failures, shrinks them to the simplest, reports and replays them. */
class PropertyTest {

    @Test
    void aTruePropertyPassesEveryTry() {
        AtomicInteger calls = new AtomicInteger();
        Report report = Property.forAll("reverse twice", Gen.lists(Gen.integers(-100, 100), 0, 50))
                .tries(1000)
                .check(list -> {
                    calls.incrementAndGet();
                    List<Integer> copy = new ArrayList<>(list);
                    Collections.reverse(copy);
                    Collections.reverse(copy);
                    assertEquals(list, copy);
                });
        assertTrue(report.passed());
        assertEquals(Settings.tries(1000), report.tries());
        assertEquals(report.tries(), calls.get());
        assertTrue(report.line().matches("property reverse twice: \\d+ tries, seed -?\\d+, OK \\(.*\\)"), report.line());
    }

    @Test
    void aFailureShrinksToTheSimplestCase() {
        // No list of numbers in [0, 1000] sums to 100 or more: false, and the simplest
        // counterexample is the single number 100.
        Report report = Property.forAll("small sums", Gen.lists(Gen.integers(0, 1000), 0, 20))
                .tries(1000)
                .print(false)
                .run(list -> {
                    if (list.stream().mapToInt(Integer::intValue).sum() >= 100) {
                        throw new AssertionError("sum " + list.stream().mapToInt(Integer::intValue).sum());
                    }
                });
        assertFalse(report.passed());
        assertEquals("[100]", report.shrunkCase());
        assertEquals("sum 100", report.cause());
        assertTrue(report.shrinkSteps() > 0);
        assertTrue(report.line().matches(
                "property small sums: FAILED after \\d+ tries, seed -?\\d+, shrunk in \\d+ steps to: \\[100] — sum 100"),
                report.line());
    }

    @Test
    void checkThrowsAnAssertionErrorWithTheReportAndTheCause() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                Property.forAll("no big numbers", Gen.integers(0, 10_000)).tries(1000).print(false)
                        .check(i -> {
                            if (i >= 1234) {
                                throw new IllegalStateException("too big: " + i);
                            }
                        }));
        assertTrue(error.getMessage().contains("shrunk in"), error.getMessage());
        assertTrue(error.getMessage().contains("to: 1234 — IllegalStateException: too big: 1234"), error.getMessage());
        assertTrue(error.getMessage().contains("replay: -Dchainrule.seed="), error.getMessage());
        assertTrue(error.getCause() instanceof IllegalStateException);
    }

    @Test
    void theSameSeedReplaysTheSameValues() {
        List<List<Integer>> first = new ArrayList<>();
        List<List<Integer>> second = new ArrayList<>();
        Gen<List<Integer>> gen = Gen.lists(Gen.integers(-5, 5), 0, 10);
        Property.forAll("record 1", gen).seed(42).tries(50).print(false).run(first::add);
        Property.forAll("record 2", gen).seed(42).tries(50).print(false).run(second::add);
        if (Settings.fixedSeed().isEmpty()) {
            assertEquals(first, second);
        }
        assertEquals(first.size(), second.size());
    }

    @Test
    void discardedValuesAreReplacedAndCounted() {
        Report report = Property.forAll("even numbers", Gen.integers(0, 100)).tries(200).print(false)
                .run(i -> Property.assume(i % 2 == 0, "odd"));
        assertTrue(report.passed());
        assertTrue(report.discarded() > 0);
        Report gaveUp = Property.forAll("never", Gen.integers(0, 100)).tries(10).print(false)
                .run(i -> Property.assume(false, "never"));
        assertFalse(gaveUp.passed());
        assertTrue(gaveUp.cause().startsWith("gave up"), gaveUp.cause());
    }

    @Test
    void batchesArePreparedBeforeTheirValuesAreChecked() {
        List<Integer> prepared = new ArrayList<>();
        List<Integer> batchSizes = new ArrayList<>();
        Report report = Property.forAll("batched", Gen.integers(0, 1_000_000)).tries(95).print(false)
                .inBatches(10, batch -> {
                    batchSizes.add(batch.size());
                    prepared.addAll(batch);
                })
                .run(i -> assertTrue(prepared.contains(i)));
        assertTrue(report.passed());
        assertEquals(Settings.tries(95), prepared.size());
        assertTrue(batchSizes.stream().allMatch(n -> n <= 10));
    }

    @Test
    void aBatchThatCannotBePreparedIsCheckedValueByValue() {
        Report report = Property.forAll("bad batch", Gen.integers(0, 1000)).tries(100).print(false)
                .inBatches(20, batch -> {
                    if (batch.stream().anyMatch(i -> i >= 500)) {
                        throw new IllegalArgumentException("cannot prepare " + batch.stream().filter(i -> i >= 500).findFirst().get());
                    }
                })
                .run(i -> { });
        assertFalse(report.passed());
        assertEquals("500", report.shrunkCase());
        assertEquals("IllegalArgumentException: cannot prepare 500", report.cause());
    }

    @Test
    void zipAndFlatMapShrinkBothParts() {
        Gen<int[]> pairs = Gen.zip(Gen.integers(0, 100), Gen.integers(0, 100), (a, b) -> new int[] {a, b});
        Report report = Property.forAll("pairs", pairs).tries(500).print(false)
                .show(p -> p[0] + "," + p[1])
                .run(p -> assertTrue(p[0] < 10 || p[1] < 20));
        assertEquals("10,20", report.shrunkCase());

        Gen<List<Integer>> dependent = Gen.integers(1, 10).flatMap(n -> Gen.lists(Gen.integers(0, 100), n, n));
        Report nested = Property.forAll("lists of at least 3 small numbers", dependent).tries(500).print(false)
                .run(list -> assertTrue(list.size() < 3 || list.get(2) < 50));
        assertEquals("[0, 0, 50]", nested.shrunkCase());
    }

    @Test
    void numbersShrinkTowardsSimpleValues() {
        Report report = Property.forAll("below pi", Gen.doubles(-10, 10)).tries(1000).print(false)
                .run(x -> assertTrue(x < Math.PI));
        double shrunk = Double.parseDouble(report.shrunkCase());
        assertTrue(shrunk >= Math.PI && shrunk <= 3.142, report.line());
        assertEquals(List.of(0, 50, 75, 88, 94, 97, 99), Shrinking.towards(100, 0).boxed().toList());
        assertEquals(List.of(10, 2), Shrinking.towards(-5, 10).boxed().filter(i -> i > 0).toList());
    }

    @Test
    void sizesGrowFromZeroToTheMaximum() {
        List<Integer> sizes = new ArrayList<>();
        Property.forAll("sizes", (Random random, int size) -> Shrinkable.of(size)).tries(11).maxSize(50).print(false)
                .run(sizes::add);
        assertEquals(0, sizes.get(0));
        assertEquals(50, sizes.get(sizes.size() - 1));
    }
}
