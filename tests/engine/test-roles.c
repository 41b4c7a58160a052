/* test-roles.c — file and column roles on the shapes real exports have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-csv.h"
#include "seg-hash.h"
#include "seg-roles.h"

#define MILLION 1000000

/* A customer table of @n rows whose ids are the numbers 1 … n (the last one
 * repeated when @repeat_last), with a balance column. */
static SegTable *
numeric_id_table (guint64  n,
                  gboolean repeat_last)
{
  SegTable *t = seg_table_new ("customers.csv");
  double *ids = g_new (double, n);
  double *balance = g_new (double, n);

  for (guint64 i = 0; i < n; i++)
    {
      ids[i] = (double) (i + 1);
      balance[i] = (double) ((i * 7919) % 10007) / 4.0;
    }
  if (repeat_last)
    ids[n - 1] = ids[0];
  seg_table_add_column (t, "customer_id", SEG_COLUMN_NUMBER, n, ids, NULL);
  seg_table_add_column (t, "balance", SEG_COLUMN_NUMBER, n, balance, NULL);
  return t;
}

/* Issue 10: detecting roles on a million numeric ids took more than 15
 * minutes (every id in one GHashTable bucket).  It is linear now; the test
 * does not time it (a loaded machine must not fail it), but before the fix
 * it ran into meson's timeout. */
static void
test_numeric_ids_million (void)
{
  g_autoptr(SegTable) unique = numeric_id_table (MILLION, FALSE);
  g_autoptr(SegTable) repeated = numeric_id_table (MILLION, TRUE);
  SegRoleGuess guess;

  seg_roles_detect (unique, &guess);
  g_assert_cmpint (guess.role, ==, SEG_FILE_ROLE_CUSTOMERS);
  g_assert_true (guess.confident);
  g_assert_cmpint (seg_table_find_role (unique, SEG_FIELD_CUSTOMER_ID) - seg_table_get_column (unique, 0), ==, 0);
  g_assert_nonnull (strstr (guess.reason, "one row per customer"));
  seg_role_guess_clear (&guess);

  /* the one repeat, a million rows down, is found */
  seg_roles_detect (repeated, &guess);
  g_assert_cmpint (guess.role, ==, SEG_FILE_ROLE_CUSTOMERS);
  g_assert_false (guess.confident);
  g_assert_nonnull (strstr (guess.reason, "repeat"));
  seg_role_guess_clear (&guess);
}

/* The structure behind the speed: a million integer-valued doubles spread
 * over 2^22 buckets as a random function would spread them (expected
 * collisions n − m(1 − e^(−n/m)) ≈ 111,000), where keeping the low 32 bits
 * puts them all in one bucket (999,999 collisions). */
static void
test_hash_spreads_integer_doubles (void)
{
  const gsize n = MILLION, m = 1 << 22;
  g_autofree guint64 *keys = g_new (guint64, n);
  g_autofree guint8 *taken = g_new0 (guint8, m);
  double expected = (double) n - (double) m * (1.0 - exp (-(double) n / (double) m));
  gsize collisions, truncated = 0, folded = 0;

  for (gsize i = 0; i < n; i++)
    keys[i] = seg_hash_double_bits ((double) (i + 1));

  collisions = seg_hash_bucket_collisions (keys, n, m);
  g_test_message ("mixed: %" G_GSIZE_FORMAT " collisions, %.0f expected", collisions, expected);
  g_assert_cmpfloat (collisions, <, 1.02 * expected);
  g_assert_cmpfloat (collisions, >, 0.98 * expected);

  /* what g_int64_hash () did: the low 32 bits are zero for every key */
  for (gsize i = 0; i < n; i++)
    {
      gsize b = (gsize) (guint32) keys[i] & (m - 1);
      truncated += taken[b];
      taken[b] = 1;
    }
  g_assert_cmpuint (truncated, ==, n - 1);

  /* the GHashTable form (32 bits) spreads them too */
  memset (taken, 0, m);
  for (gsize i = 0; i < n; i++)
    {
      gsize b = seg_hash_int64_key (&keys[i]) & (m - 1);
      folded += taken[b];
      taken[b] = 1;
    }
  g_assert_cmpfloat (folded, <, 1.02 * expected);

  /* -0.0 and 0.0 are one key; every NaN is one key */
  g_assert_cmpuint (seg_hash_double_bits (-0.0), ==, seg_hash_double_bits (0.0));
  g_assert_cmpuint (seg_hash_double_bits (NAN), ==, seg_hash_double_bits (-NAN));
}

static void
test_hash_set (void)
{
  SegHashSet64 set;

  seg_hash_set64_init (&set, 0);
  for (guint64 i = 1; i <= 100000; i++)
    g_assert_true (seg_hash_set64_add (&set, seg_hash_double_bits ((double) i)));
  for (guint64 i = 1; i <= 100000; i += 997)
    g_assert_false (seg_hash_set64_add (&set, seg_hash_double_bits ((double) i)));
  g_assert_true (seg_hash_set64_add (&set, 0));
  g_assert_false (seg_hash_set64_add (&set, 0));
  g_assert_cmpuint (set.n, ==, 100001);
  seg_hash_set64_clear (&set);
}

/* The @i-th of a fixed list of UUIDs, written into @buf (37 bytes). */
static const char *
uuid_of (guint64  i,
         char    *buf)
{
  guint64 a = seg_hash_mix64 (i * 2 + 1), b = seg_hash_mix64 (i * 2 + 2);

  g_snprintf (buf, 37, "%08x-%04x-4%03x-%04x-%012" G_GINT64_MODIFIER "x", (guint) (a >> 32),
              (guint) (a >> 16) & 0xffff, (guint) a & 0xfff, (guint) (b >> 48) & 0xffff,
              b & G_GUINT64_CONSTANT (0xffffffffffff));
  return buf;
}

/* Spreads @n keys made by @make over 2^20 buckets by the low bits and by
 * the high bits of seg_hash_str_key (), as a random function would. */
static void
check_spread (const char *(*make) (guint64, char *),
              gsize        n)
{
  const gsize m = 1 << 20;
  g_autofree guint8 *low = g_new0 (guint8, m);
  g_autofree guint8 *high = g_new0 (guint8, m);
  double expected = (double) n - (double) m * (1.0 - exp (-(double) n / (double) m));
  gsize c_low = 0, c_high = 0;
  char buf[64];

  for (guint64 i = 0; i < n; i++)
    {
      guint h = seg_hash_str_key (make (i, buf));

      c_low += low[h & (m - 1)];
      low[h & (m - 1)] = 1;
      c_high += high[h >> 12];
      high[h >> 12] = 1;
    }
  g_test_message ("%s…: %" G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT " collisions, %.0f expected",
                  make (0, buf), c_low, c_high, expected);
  g_assert_cmpfloat (c_low, <, 1.03 * expected);
  g_assert_cmpfloat (c_low, >, 0.97 * expected);
  g_assert_cmpfloat (c_high, <, 1.03 * expected);
  g_assert_cmpfloat (c_high, >, 0.97 * expected);
}

static const char *
prefixed_of (guint64  i,
             char    *buf)
{
  g_snprintf (buf, 64, "C%07" G_GUINT64_FORMAT, i + 1);
  return buf;
}

static const char *
integer_of (guint64  i,
            char    *buf)
{
  g_snprintf (buf, 64, "%" G_GUINT64_FORMAT, i + 1);
  return buf;
}

static const char *
short_of (guint64  i,
          char    *buf)
{
  /* one to three bytes: the hash's shortest tail */
  buf[0] = (char) ('A' + i % 26);
  buf[1] = i >= 26 ? (char) ('a' + i / 26 % 26) : '\0';
  buf[2] = i >= 676 ? (char) ('0' + i / 676 % 10) : '\0';
  buf[3] = '\0';
  return buf;
}

/* Customer ids as strings (issue 13): seg_hash_str_key () reads eight bytes
 * at a time, so a 36-byte UUID costs five steps, not 36; every bit of the
 * key reaches the low and the high bits of the hash (ids that differ only
 * in their last digits, or only in their first, spread alike); equal
 * strings hash alike wherever they are. */
static void
test_hash_spreads_strings (void)
{
  char a[64], b[64];

  check_spread (uuid_of, 200000);
  check_spread (prefixed_of, 200000);
  check_spread (integer_of, 200000);
  g_assert_cmpuint (seg_hash_str_key (uuid_of (7, a)), ==, seg_hash_str_key (strcpy (b, a)));
  g_assert_cmpuint (seg_hash_str_key (""), ==, seg_hash_str_key (&"x"[1]));
  g_assert_cmpuint (seg_hash_str_key ("ab"), !=, seg_hash_str_key ("ba"));
  g_assert_cmpuint (seg_hash_str_key ("abcdefgh"), !=, seg_hash_str_key ("abcdefgh\x01"));
  {
    /* the 1 to 3-byte keys: 26 + 676 + 6760 = all different */
    g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
    for (guint64 i = 0; i < 6760; i++)
      g_hash_table_add (seen, GUINT_TO_POINTER (seg_hash_str_key (short_of (i, a))));
    g_assert_cmpuint (g_hash_table_size (seen), >, 6750);
  }
}

/* Text ids: a table of UUIDs is a customer table; one id that repeats a
 * hundred thousand rows down is found and named, and a log's repeats are
 * counted as before. */
static void
test_text_ids (void)
{
  const guint64 n = 100000;
  SegTable *tables[3];
  char buf[64];

  for (guint k = 0; k < 3; k++)
    {
      char **ids = g_new0 (char *, n);
      double *balance = g_new (double, n);

      tables[k] = seg_table_new ("customers.csv");
      for (guint64 i = 0; i < n; i++)
        {
          guint64 id = k == 0 ? i : k == 1 ? (i == n - 1 ? 0 : i) : i / 2;
          ids[i] = (char *) seg_table_store (tables[k], uuid_of (id, buf));
          balance[i] = (double) (i % 1000);
        }
      seg_table_add_column (tables[k], "customer_id", SEG_COLUMN_TEXT, n, NULL, ids)->interned = TRUE;
      seg_table_add_column (tables[k], "balance", SEG_COLUMN_NUMBER, n, balance, NULL);
    }
  for (guint k = 0; k < 3; k++)
    {
      SegRoleGuess guess;

      seg_roles_detect (tables[k], &guess);
      g_test_message ("case %u: %s (%s)", k, seg_file_role_to_string (guess.role), guess.reason);
      g_assert_cmpint (guess.role, ==, SEG_FILE_ROLE_CUSTOMERS);
      g_assert_true (seg_table_find_role (tables[k], SEG_FIELD_CUSTOMER_ID) == seg_table_get_column (tables[k], 0));
      g_assert_cmpint (guess.confident, ==, k == 0);
      if (k == 1)
        g_assert_nonnull (strstr (guess.reason, "1 id repeats"));
      if (k == 2)
        g_assert_nonnull (strstr (guess.reason, "repeat, but there is no date"));
      seg_role_guess_clear (&guess);
      seg_table_unref (tables[k]);
    }
}

static SegTable *
read_text (const char *name,
           const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  SegTable *t = seg_csv_read_bytes (bytes, name, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return t;
}

/* Issue 10 §4: a log in which every customer bought once has no repeating
 * ids; its header names (txn_date, order_amount, a transaction id) say what
 * it is.  Before, it was read as a customer table. */
static void
test_header_names_say_transactions (void)
{
  static const struct { const char *name, *text; SegFileRole role; } cases[] = {
    { "export.csv", "customer_id;txn_date;amount\n1;2024-01-02;10.50\n2;2024-01-05;20.00\n"
                    "3;2024-02-01;5.25\n4;2024-02-11;99.90\n5;2024-03-01;12.00\n", SEG_FILE_ROLE_TRANSACTIONS },
    { "export.csv", "client_id,order_date,order_amount\nC1,2024-01-02,10.5\nC2,2024-01-05,20\n"
                    "C3,2024-02-01,5.25\n", SEG_FILE_ROLE_TRANSACTIONS },
    { "export.csv", "invoice_no,customer_id,date,amount\n100,1,2024-01-02,10.5\n101,2,2024-01-05,20\n"
                    "102,3,2024-02-01,5.25\n", SEG_FILE_ROLE_TRANSACTIONS },
    /* without such a name, one row per customer is a customer table */
    { "export.csv", "customer_id;date;amount\n1;2024-01-02;10.50\n2;2024-01-05;20.00\n"
                    "3;2024-02-01;5.25\n", SEG_FILE_ROLE_CUSTOMERS },
    { "customers.csv", "customer_id,signup_date,purchase_amount\n1,2024-01-02,10.5\n2,2024-01-05,20\n", SEG_FILE_ROLE_CUSTOMERS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SegTable) t = read_text (cases[i].name, cases[i].text);
      SegRoleGuess guess;

      seg_roles_detect (t, &guess);
      g_test_message ("case %u: %s (%s)", i, seg_file_role_to_string (guess.role), guess.reason);
      g_assert_cmpint (guess.role, ==, cases[i].role);
      if (cases[i].role == SEG_FILE_ROLE_TRANSACTIONS)
        {
          g_assert_nonnull (seg_table_find_role (t, SEG_FIELD_DATE));
          g_assert_nonnull (seg_table_find_role (t, SEG_FIELD_AMOUNT));
          g_assert_nonnull (seg_table_find_role (t, SEG_FIELD_CUSTOMER_ID));
        }
      seg_role_guess_clear (&guess);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/roles/numeric-ids-million", test_numeric_ids_million);
  g_test_add_func ("/roles/hash-spreads-integer-doubles", test_hash_spreads_integer_doubles);
  g_test_add_func ("/roles/hash-set", test_hash_set);
  g_test_add_func ("/roles/hash-spreads-strings", test_hash_spreads_strings);
  g_test_add_func ("/roles/text-ids", test_text_ids);
  g_test_add_func ("/roles/header-names-say-transactions", test_header_names_say_transactions);
  return g_test_run ();
}
