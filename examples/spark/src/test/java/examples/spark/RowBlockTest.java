package examples.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowBlockTest {
    @Test
    void packsRowsInOrderAndUnpacksThemAgain() {
        List<LabeledRow> rows = List.of(new LabeledRow(1.0, new double[] {1, 2}),
                new LabeledRow(-1.0, new double[] {3, 4}), new LabeledRow(1.0, new double[] {5, 6}));
        Iterator<RowBlock> blocks = RowBlock.pack(rows.iterator(), 2);
        RowBlock block = blocks.next();
        assertFalse(blocks.hasNext());
        assertEquals(3, block.rows());
        List<LabeledRow> unpacked = block.unpack();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).label(), unpacked.get(i).label());
            assertArrayEquals(rows.get(i).features(), unpacked.get(i).features());
        }
        // w = (1, -1): scores -1, -1, -1, so only the second row (label -1) is right.
        assertEquals(1, block.correct(new double[] {1, -1}));
    }

    @Test
    void anEmptyPartitionMakesNoBlock() {
        assertFalse(RowBlock.pack(Collections.emptyIterator(), 3).hasNext());
    }

    @Test
    void rowsThatDoNotFitAreReportedByRowAndReason() {
        assertEquals("row 1 of its partition has 3 features, not 2", assertThrows(IllegalArgumentException.class,
                () -> RowBlock.pack(List.of(new LabeledRow(1.0, new double[] {1, 2}),
                        new LabeledRow(1.0, new double[] {1, 2, 3})).iterator(), 2)).getMessage());
        assertEquals("row 0 of its partition has the label 0.0: labels must be -1 or 1",
                assertThrows(IllegalArgumentException.class,
                        () -> RowBlock.pack(List.of(new LabeledRow(0.0, new double[] {1, 2})).iterator(), 2))
                        .getMessage());
        assertEquals("row 0 of its partition has the feature NaN at 1: features must be finite",
                assertThrows(IllegalArgumentException.class,
                        () -> RowBlock.pack(List.of(new LabeledRow(1.0, new double[] {1, Double.NaN})).iterator(), 2))
                        .getMessage());
    }
}
