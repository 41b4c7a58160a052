/* test-table.c — SegTable building, look-ups and calendar arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-table-private.h"

static void
test_dates_round_trip (void)
{
  /* Known day numbers: 1970-01-01 is day 0, 2000-03-01 is day 11017,
   * 2025-09-14 is day 20345 (checked with `date -d 2025-09-14 +%s` / 86400). */
  g_assert_cmpfloat (seg_date_from_ymd (1970, 1, 1), ==, 0.0);
  g_assert_cmpfloat (seg_date_from_ymd (2000, 3, 1), ==, 11017.0);
  g_assert_cmpfloat (seg_date_from_ymd (2025, 9, 14), ==, 20345.0);
  g_assert_cmpfloat (seg_date_from_ymd (1969, 12, 31), ==, -1.0);

  for (double d = -800000; d < 800000; d += 97)
    {
      int y, m, day;
      g_assert_true (seg_date_to_ymd (d, &y, &m, &day));
      g_assert_cmpfloat (seg_date_from_ymd (y, m, day), ==, d);
    }
}

static void
test_date_format (void)
{
  g_autofree char *s = seg_date_format_iso (20345.75);
  g_autofree char *leap = seg_date_format_iso (seg_date_from_ymd (2024, 2, 29));
  g_assert_cmpstr (s, ==, "2025-09-14");
  g_assert_cmpstr (leap, ==, "2024-02-29");
  g_assert_null (seg_date_format_iso (NAN));
}

static void
test_columns (void)
{
  g_autoptr(SegTable) table = seg_table_new ("/tmp/some/file.csv");
  double *num = g_new (double, 3);
  char **text = g_new0 (char *, 3);
  SegColumn *c;

  num[0] = 1; num[1] = NAN; num[2] = 3;
  text[0] = g_strdup ("a"); text[2] = g_strdup ("c");
  seg_table_add_column (table, "amount", SEG_COLUMN_NUMBER, 3, num, NULL);
  c = seg_table_add_column (table, "name", SEG_COLUMN_TEXT, 3, NULL, text);
  seg_column_set_role (c, SEG_FIELD_CUSTOMER_ID);

  g_assert_cmpstr (seg_table_get_name (table), ==, "file.csv");
  g_assert_cmpuint (seg_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (seg_table_get_n_columns (table), ==, 2);
  g_assert_cmpint (seg_table_find_column_index (table, "name"), ==, 1);
  g_assert_null (seg_table_find_column (table, "nope"));
  g_assert_true (seg_table_find_role (table, SEG_FIELD_CUSTOMER_ID) == c);
  g_assert_cmpuint (seg_table_get_column (table, 0)->n_missing, ==, 1);
  g_assert_cmpuint (c->n_missing, ==, 1);
  g_assert_true (seg_column_is_missing (c, 1));
  g_assert_false (seg_column_is_missing (c, 2));
}

static void
test_problems_capped (void)
{
  g_autoptr(SegTable) table = seg_table_new ("x.csv");
  for (guint i = 0; i < 250; i++)
    seg_table_add_problem (table, i + 2, 1, "bad");
  g_assert_cmpuint (seg_table_get_report (table)->n_problems, ==, 250);
  g_assert_cmpuint (seg_table_get_report (table)->problems->len, ==, 100);
}

static void
test_interned_column (void)
{
  g_autoptr(SegTable) table = seg_table_new ("ids.csv");
  char **text = g_new0 (char *, 4);
  g_autofree char *copy = g_strdup ("C001");
  SegColumn *c;

  text[0] = (char *) seg_table_intern (table, "C001");
  text[1] = (char *) seg_table_intern (table, copy);
  text[2] = NULL;
  text[3] = (char *) seg_table_intern (table, "C002");
  c = seg_table_add_column (table, "customer_id", SEG_COLUMN_TEXT, 4, NULL, text);
  c->interned = TRUE;
  /* equal strings are stored once; the table frees them with the pool */
  g_assert_true (text[0] == text[1]);
  g_assert_true (text[0] != copy);
  g_assert_cmpstr (text[3], ==, "C002");
  g_assert_cmpuint (c->n_missing, ==, 1);
}

/* A table with other roles is a new table: the shared one keeps its roles,
 * the copy shares the cells and outlives the original's last reference. */
static void
test_copy_with_roles (void)
{
  SegTable *table = seg_table_new ("/tmp/roles.csv");
  double *num = g_new (double, 2);
  char **text = g_new0 (char *, 2);
  SegFieldRole roles[] = { SEG_FIELD_AMOUNT, SEG_FIELD_NONE };
  g_autoptr(SegTable) copy = NULL;
  const SegColumn *id;

  num[0] = 10; num[1] = NAN;
  text[0] = g_strdup ("C1"); text[1] = g_strdup ("C2");
  seg_table_add_column (table, "amount", SEG_COLUMN_NUMBER, 2, num, NULL);
  seg_column_set_role (seg_table_add_column (table, "id", SEG_COLUMN_TEXT, 2, NULL, text),
                       SEG_FIELD_CUSTOMER_ID);
  seg_table_set_role (table, SEG_FILE_ROLE_CUSTOMERS);
  seg_table_add_problem (table, 3, 2, "bad");
  seg_table_add_notice (table, "read as decimal comma");

  copy = seg_table_copy_with_roles (table, SEG_FILE_ROLE_TRANSACTIONS, roles);
  g_assert_cmpint (seg_table_get_role (table), ==, SEG_FILE_ROLE_CUSTOMERS);
  g_assert_cmpint (seg_table_get_column (table, 0)->role, ==, SEG_FIELD_NONE);
  g_assert_cmpint (seg_table_get_column (table, 1)->role, ==, SEG_FIELD_CUSTOMER_ID);
  g_assert_cmpint (seg_table_get_role (copy), ==, SEG_FILE_ROLE_TRANSACTIONS);
  g_assert_cmpint (seg_table_get_column (copy, 0)->role, ==, SEG_FIELD_AMOUNT);
  g_assert_null (seg_table_find_role (copy, SEG_FIELD_CUSTOMER_ID));
  g_assert_true (seg_table_get_column (copy, 0)->num == num);
  g_assert_cmpuint (seg_table_get_report (copy)->n_problems, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seg_table_get_report (copy)->notices, 0), ==, "read as decimal comma");

  /* NULL roles keep them; a copy of a copy still shares the first cells */
  seg_table_unref (table);
  {
    g_autoptr(SegTable) again = seg_table_copy_with_roles (copy, SEG_FILE_ROLE_TRANSACTIONS, NULL);
    g_assert_cmpint (seg_table_get_column (again, 0)->role, ==, SEG_FIELD_AMOUNT);
    g_assert_cmpfloat (seg_table_get_column (again, 0)->num[0], ==, 10);
    g_clear_pointer (&copy, seg_table_unref);
    id = seg_table_find_column (again, "id");
    g_assert_cmpstr (id->text[1], ==, "C2");
    g_assert_cmpuint (id->n_missing, ==, 0);
  }
}

/* A table made from another points into its text cells instead of copying
 * them: it keeps only what they live in (the other table's store), and they
 * outlive every reference to that table; cells allocated one by one keep
 * their whole table alive.  (Run under ASan, a cell freed too early fails.) */
static void
test_keep_cells_of (void)
{
  SegTable *owner = seg_table_new ("ids.csv");
  SegTable *loose = seg_table_new ("loose.csv");
  g_autoptr(SegTable) borrower = seg_table_new ("customers.csv");
  g_autoptr(SegTable) second = seg_table_new ("again.csv");
  char **text = g_new0 (char *, 3);
  char **loose_text = g_new0 (char *, 3);
  char **borrowed = g_new0 (char *, 3);
  char **again = g_new0 (char *, 3);
  SegColumn *c;

  text[0] = (char *) seg_table_store (owner, "5692161d-100b-45e5-9087-22101cc06fcc");
  text[2] = (char *) seg_table_store (owner, "dbd23897-3a2b-448a-80dc-a277f47926a1");
  seg_table_add_column (owner, "customer_id", SEG_COLUMN_TEXT, 3, NULL, text)->interned = TRUE;
  loose_text[1] = g_strdup ("Gold");
  seg_table_add_column (loose, "tier", SEG_COLUMN_TEXT, 3, NULL, loose_text);

  memcpy (borrowed, text, 3 * sizeof (char *));
  c = seg_table_add_column (borrower, "customer_id", SEG_COLUMN_TEXT, 3, NULL, borrowed);
  c->interned = TRUE;
  seg_table_keep_cells_of (borrower, owner);
  seg_table_keep_cells_of (borrower, owner);   /* once is enough; twice is harmless */
  again[1] = loose_text[1];
  c = seg_table_add_column (borrower, "tier", SEG_COLUMN_TEXT, 3, NULL, again);
  c->interned = TRUE;
  seg_table_keep_cells_of (borrower, loose);
  g_assert_cmpuint (c->n_missing, ==, 2);
  seg_table_unref (owner);
  seg_table_unref (loose);
  g_assert_cmpstr (seg_table_get_column (borrower, 0)->text[0], ==, "5692161d-100b-45e5-9087-22101cc06fcc");
  g_assert_null (seg_table_get_column (borrower, 0)->text[1]);
  g_assert_cmpstr (seg_table_get_column (borrower, 1)->text[1], ==, "Gold");

  /* a table made from the borrower keeps what the borrower keeps */
  again = g_new0 (char *, 3);
  memcpy (again, seg_table_get_column (borrower, 0)->text, 3 * sizeof (char *));
  again[1] = seg_table_get_column (borrower, 1)->text[1];
  seg_table_add_column (second, "both", SEG_COLUMN_TEXT, 3, NULL, again)->interned = TRUE;
  seg_table_keep_cells_of (second, borrower);
  g_clear_pointer (&borrower, seg_table_unref);
  g_assert_cmpstr (seg_table_get_column (second, 0)->text[2], ==, "dbd23897-3a2b-448a-80dc-a277f47926a1");
  g_assert_cmpstr (seg_table_get_column (second, 0)->text[1], ==, "Gold");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/table/dates/round-trip", test_dates_round_trip);
  g_test_add_func ("/table/dates/format", test_date_format);
  g_test_add_func ("/table/columns", test_columns);
  g_test_add_func ("/table/problems-capped", test_problems_capped);
  g_test_add_func ("/table/interned-column", test_interned_column);
  g_test_add_func ("/table/copy-with-roles", test_copy_with_roles);
  g_test_add_func ("/table/keep-cells-of", test_keep_cells_of);
  return g_test_run ();
}
