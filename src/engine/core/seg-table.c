/* seg-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-table-private.h"

#define MAX_KEPT_PROBLEMS 100

/* The text of a table's interned columns.  Reference-counted, so that a
 * table made from another can point into its cells and keep only them
 * alive, not the whole table (seg_table_keep_cells_of ()). */
typedef struct
{
  gatomicrefcount ref_count;
  GStringChunk   *chunk;
} Strings;

struct _SegTable
{
  gatomicrefcount ref_count;
  char           *path;
  char           *name;
  SegFileRole     role;
  guint64         n_rows;
  GPtrArray      *columns;   /* SegColumn* */
  GHashTable     *by_name;   /* name → index + 1 */
  Strings        *strings;   /* cells of interned text columns, or NULL */
  GArray         *line_breaks; /* RowLine: where rows stop following each other line by line, or NULL */
  SegReadReport   report;
  SegTable       *cells;     /* a copy with other roles: the table that owns the
                                cells, NULL when this one does */
  GPtrArray      *kept;      /* Strings*: other tables' stores some interned columns point into, or NULL */
  GPtrArray      *kept_tables; /* SegTable*: tables whose own cells some columns point into, or NULL */
};

/* Row @row starts on line @line, and the rows after it on the lines after
 * it, up to the next entry. */
typedef struct
{
  guint64 row;
  guint64 line;
} RowLine;

G_DEFINE_BOXED_TYPE (SegTable, seg_table, seg_table_ref, seg_table_unref)

static Strings *
strings_new (void)
{
  Strings *strings = g_new0 (Strings, 1);

  g_atomic_ref_count_init (&strings->ref_count);
  strings->chunk = g_string_chunk_new (64 * 1024);
  return strings;
}

static Strings *
strings_ref (Strings *strings)
{
  g_atomic_ref_count_inc (&strings->ref_count);
  return strings;
}

static void
strings_unref (Strings *strings)
{
  if (!g_atomic_ref_count_dec (&strings->ref_count))
    return;
  g_string_chunk_free (strings->chunk);
  g_free (strings);
}

static void
column_free (SegColumn *column,
             gboolean   owns_cells)
{
  if (owns_cells && column->text != NULL)
    {
      /* text arrays hold n_rows entries, some NULL: free by count, not as a strv */
      g_free (column->text);
    }
  g_free (column->name);
  if (owns_cells)
    g_free (column->num);
  g_free (column->format);
  g_free (column);
}

void
seg_problem_free (SegProblem *problem)
{
  g_return_if_fail (problem != NULL);
  g_free (problem->message);
  g_free (problem);
}

SegTable *
seg_table_new (const char *path)
{
  return seg_table_new_named (path, NULL);
}

SegTable *
seg_table_new_named (const char *path,
                     const char *name)
{
  SegTable *table = g_new0 (SegTable, 1);

  g_atomic_ref_count_init (&table->ref_count);
  table->path = g_strdup (path ? path : "");
  table->name = name != NULL ? g_strdup (name) : g_path_get_basename (table->path);
  table->columns = g_ptr_array_new ();
  table->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  table->report.path = g_strdup (table->path);
  table->report.delimiter = ',';
  table->report.quote = '"';
  table->report.has_header = TRUE;
  table->report.encoding = g_strdup ("UTF-8");
  table->report.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_problem_free);
  table->report.notices = g_ptr_array_new_with_free_func (g_free);
  return table;
}

SegTable *
seg_table_ref (SegTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_atomic_ref_count_inc (&table->ref_count);
  return table;
}

void
seg_table_unref (SegTable *table)
{
  g_return_if_fail (table != NULL);

  if (!g_atomic_ref_count_dec (&table->ref_count))
    return;

  for (guint i = 0; i < table->columns->len; i++)
    {
      SegColumn *column = g_ptr_array_index (table->columns, i);
      if (table->cells == NULL && column->text != NULL && !column->interned)
        for (guint64 r = 0; r < table->n_rows; r++)
          g_free (column->text[r]);
      column_free (column, table->cells == NULL);
    }
  g_clear_pointer (&table->cells, seg_table_unref);
  g_clear_pointer (&table->kept, g_ptr_array_unref);
  g_clear_pointer (&table->kept_tables, g_ptr_array_unref);
  g_ptr_array_unref (table->columns);
  g_hash_table_unref (table->by_name);
  g_clear_pointer (&table->strings, strings_unref);
  g_clear_pointer (&table->line_breaks, g_array_unref);
  g_free (table->report.path);
  g_free (table->report.encoding);
  g_ptr_array_unref (table->report.problems);
  g_ptr_array_unref (table->report.notices);
  g_free (table->path);
  g_free (table->name);
  g_free (table);
}

void
seg_table_set_row_lines (SegTable      *table,
                         const guint64 *lines,
                         guint64        n)
{
  g_return_if_fail (table != NULL);

  g_clear_pointer (&table->line_breaks, g_array_unref);
  table->line_breaks = g_array_new (FALSE, FALSE, sizeof (RowLine));
  for (guint64 r = 0; r < n; r++)
    if (r == 0 || lines[r] != lines[r - 1] + 1)
      {
        RowLine b = { r, lines[r] };
        g_array_append_val (table->line_breaks, b);
      }
}

guint64
seg_table_get_row_line (const SegTable *table,
                        guint64         row)
{
  const GArray *breaks;
  guint lo = 0, hi;

  g_return_val_if_fail (table != NULL, 0);

  breaks = table->line_breaks;
  if (breaks == NULL || breaks->len == 0 || row >= table->n_rows)
    return 0;
  /* the last entry at or before @row */
  hi = breaks->len;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (breaks, RowLine, mid).row <= row)
        lo = mid;
      else
        hi = mid;
    }
  return g_array_index (breaks, RowLine, lo).line + (row - g_array_index (breaks, RowLine, lo).row);
}

SegColumn *
seg_table_add_column (SegTable     *table,
                      const char   *name,
                      SegColumnType type,
                      guint64       n_rows,
                      double       *num,
                      char        **text)
{
  SegColumn *column;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail ((type == SEG_COLUMN_TEXT) == (text != NULL) || n_rows == 0, NULL);

  if (table->columns->len == 0)
    table->n_rows = n_rows;
  g_return_val_if_fail (n_rows == table->n_rows, NULL);

  column = g_new0 (SegColumn, 1);
  column->name = g_strdup (name);
  column->type = type;
  column->num = num;
  column->text = text;
  if (type == SEG_COLUMN_TEXT && text == NULL)
    column->text = g_new0 (char *, MAX (n_rows, 1));
  if (type != SEG_COLUMN_TEXT && num == NULL)
    {
      column->num = g_new (double, MAX (n_rows, 1));
      for (guint64 r = 0; r < n_rows; r++)
        column->num[r] = NAN;
    }

  /* as seg_column_is_missing (), without a call per cell */
  if (type == SEG_COLUMN_TEXT)
    for (guint64 r = 0; r < n_rows; r++)
      column->n_missing += column->text[r] == NULL;
  else
    for (guint64 r = 0; r < n_rows; r++)
      column->n_missing += isnan (column->num[r]) != 0;

  g_ptr_array_add (table->columns, column);
  /* the first column of a name wins look-ups; duplicates are renamed by the reader */
  if (!g_hash_table_contains (table->by_name, column->name))
    g_hash_table_insert (table->by_name, column->name,
                         GUINT_TO_POINTER (table->columns->len));
  return column;
}

SegReadReport *
seg_table_get_report_mut (SegTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return &table->report;
}

void
seg_table_set_role (SegTable   *table,
                    SegFileRole role)
{
  g_return_if_fail (table != NULL);
  table->role = role;
}

void
seg_column_set_role (SegColumn   *column,
                     SegFieldRole role)
{
  g_return_if_fail (column != NULL);
  /* the field is const for everyone outside the building code */
  *(SegFieldRole *) &column->role = role;
}

SegTable *
seg_table_copy_with_roles (const SegTable     *table,
                           SegFileRole         role,
                           const SegFieldRole *roles)
{
  SegTable *copy;

  g_return_val_if_fail (table != NULL, NULL);

  copy = seg_table_new (table->path);
  copy->role = role;
  copy->n_rows = table->n_rows;
  copy->cells = seg_table_ref ((SegTable *) (table->cells ? table->cells : table));
  for (guint i = 0; i < table->columns->len; i++)
    {
      const SegColumn *was = g_ptr_array_index (table->columns, i);
      SegColumn *column = g_new0 (SegColumn, 1);

      column->name = g_strdup (was->name);
      column->type = was->type;
      seg_column_set_role (column, roles ? roles[i] : was->role);
      column->num = was->num;
      column->text = was->text;
      column->n_missing = was->n_missing;
      column->format = g_strdup (was->format);
      column->interned = was->interned;
      g_ptr_array_add (copy->columns, column);
      if (!g_hash_table_contains (copy->by_name, column->name))
        g_hash_table_insert (copy->by_name, column->name, GUINT_TO_POINTER (copy->columns->len));
    }

  /* the report: the same counts, problems and notices */
  {
    const SegReadReport *from = &table->report;
    SegReadReport *to = &copy->report;
    GPtrArray *problems = to->problems, *notices = to->notices;

    g_free (to->path);
    g_free (to->encoding);
    *to = *from;
    to->path = g_strdup (from->path);
    to->encoding = g_strdup (from->encoding);
    to->problems = problems;
    to->notices = notices;
    for (guint i = 0; i < from->problems->len; i++)
      {
        const SegProblem *p = g_ptr_array_index (from->problems, i);
        SegProblem *q = g_new (SegProblem, 1);

        *q = *p;
        q->message = g_strdup (p->message);
        g_ptr_array_add (problems, q);
      }
    for (guint i = 0; i < from->notices->len; i++)
      g_ptr_array_add (notices, g_strdup (g_ptr_array_index (from->notices, i)));
  }
  return copy;
}

const char *
seg_table_get_path (const SegTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->path;
}

const char *
seg_table_get_name (const SegTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->name;
}

SegFileRole
seg_table_get_role (const SegTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->role;
}

guint64
seg_table_get_n_rows (const SegTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_rows;
}

guint
seg_table_get_n_columns (const SegTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->columns->len;
}

const SegColumn *
seg_table_get_column (const SegTable *table,
                      guint           index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->columns->len, NULL);
  return g_ptr_array_index (table->columns, index);
}

SegColumn *
seg_table_get_column_mut (SegTable *table,
                          guint     index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->columns->len, NULL);
  return g_ptr_array_index (table->columns, index);
}

int
seg_table_find_column_index (const SegTable *table,
                             const char     *name)
{
  gpointer v;

  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);
  v = g_hash_table_lookup (table->by_name, name);
  return v ? (int) GPOINTER_TO_UINT (v) - 1 : -1;
}

const SegColumn *
seg_table_find_column (const SegTable *table,
                       const char     *name)
{
  int i;

  g_return_val_if_fail (table != NULL && name != NULL, NULL);

  i = seg_table_find_column_index (table, name);
  return i < 0 ? NULL : g_ptr_array_index (table->columns, i);
}

SegColumn *
seg_table_find_role_mut (SegTable     *table,
                         SegFieldRole  role)
{
  return (SegColumn *) seg_table_find_role (table, role);
}

const SegColumn *
seg_table_find_role (const SegTable *table,
                     SegFieldRole    role)
{
  g_return_val_if_fail (table != NULL, NULL);
  for (guint i = 0; i < table->columns->len; i++)
    {
      SegColumn *column = g_ptr_array_index (table->columns, i);
      if (column->role == role)
        return column;
    }
  return NULL;
}

const SegReadReport *
seg_table_get_report (const SegTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return &table->report;
}

gboolean
seg_column_is_missing (const SegColumn *column,
                       guint64          row)
{
  g_return_val_if_fail (column != NULL, TRUE);
  if (column->type == SEG_COLUMN_TEXT)
    return column->text[row] == NULL;
  return isnan (column->num[row]);
}

const char *
seg_table_intern (SegTable   *table,
                  const char *text)
{
  g_return_val_if_fail (table != NULL && text != NULL, NULL);
  if (table->strings == NULL)
    table->strings = strings_new ();
  return g_string_chunk_insert_const (table->strings->chunk, text);
}

const char *
seg_table_store (SegTable   *table,
                 const char *text)
{
  g_return_val_if_fail (table != NULL && text != NULL, NULL);
  if (table->strings == NULL)
    table->strings = strings_new ();
  return g_string_chunk_insert (table->strings->chunk, text);
}

static void
keep_strings (SegTable *table,
              Strings  *strings)
{
  if (table->kept == NULL)
    table->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) strings_unref);
  if (!g_ptr_array_find (table->kept, strings, NULL))
    g_ptr_array_add (table->kept, strings_ref (strings));
}

static void
keep_table (SegTable       *table,
            const SegTable *other)
{
  if (table->kept_tables == NULL)
    table->kept_tables = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_table_unref);
  if (!g_ptr_array_find (table->kept_tables, other, NULL))
    g_ptr_array_add (table->kept_tables, seg_table_ref ((SegTable *) other));
}

void
seg_table_keep_cells_of (SegTable       *table,
                         const SegTable *owner)
{
  const SegTable *cells;
  gboolean all_interned = TRUE;

  g_return_if_fail (table != NULL && owner != NULL && table != owner);
  cells = owner->cells != NULL ? owner->cells : owner;
  for (guint i = 0; i < cells->columns->len; i++)
    {
      const SegColumn *column = g_ptr_array_index (cells->columns, i);
      all_interned = all_interned && (column->text == NULL || column->interned);
    }
  /* text cells allocated one by one are freed with their table: keep it */
  if (!all_interned)
    {
      keep_table (table, cells);
      return;
    }
  /* interned cells live in its store, or in what it keeps itself */
  if (cells->strings != NULL)
    keep_strings (table, cells->strings);
  for (guint i = 0; cells->kept != NULL && i < cells->kept->len; i++)
    keep_strings (table, g_ptr_array_index (cells->kept, i));
  for (guint i = 0; cells->kept_tables != NULL && i < cells->kept_tables->len; i++)
    keep_table (table, g_ptr_array_index (cells->kept_tables, i));
}

void
seg_table_add_problem (SegTable   *table,
                       guint64     line,
                       guint       column,
                       const char *message)
{
  g_return_if_fail (table != NULL);
  table->report.n_problems++;
  if (table->report.problems->len < MAX_KEPT_PROBLEMS)
    {
      SegProblem *p = g_new0 (SegProblem, 1);
      p->line = line;
      p->column = column;
      p->message = g_strdup (message);
      g_ptr_array_add (table->report.problems, p);
    }
}

void
seg_table_add_notice (SegTable   *table,
                      const char *message)
{
  g_return_if_fail (table != NULL && message != NULL);
  g_ptr_array_add (table->report.notices, g_strdup (message));
}
