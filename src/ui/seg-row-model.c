/* seg-row-model.c — a GListModel of the row indices of a SegTable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-row-model"

#include "config.h"

#include "seg-row-model.h"

struct _SegRowItem
{
  GObject parent_instance;
  guint   row;
};

G_DEFINE_FINAL_TYPE (SegRowItem, seg_row_item, G_TYPE_OBJECT)

static void
seg_row_item_class_init (SegRowItemClass *klass)
{
}

static void
seg_row_item_init (SegRowItem *self)
{
}

guint
seg_row_item_get_row (SegRowItem *item)
{
  g_return_val_if_fail (SEG_IS_ROW_ITEM (item), 0);
  return item->row;
}

struct _SegRowModel
{
  GObject    parent_instance;
  SegTable  *table;
  guint      n_items;
  GPtrArray *items;   /* SegRowItem*, NULL until first asked for */
};

static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static GType
get_item_type (GListModel *model)
{
  return SEG_TYPE_ROW_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return SEG_ROW_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SegRowModel *self = SEG_ROW_MODEL (model);
  SegRowItem *item;

  if (position >= self->n_items)
    return NULL;
  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = g_object_new (SEG_TYPE_ROW_ITEM, NULL);
      item->row = position;
      g_ptr_array_index (self->items, position) = item;
    }
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SegRowModel, seg_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
seg_row_model_finalize (GObject *object)
{
  SegRowModel *self = SEG_ROW_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->table, seg_table_unref);
  G_OBJECT_CLASS (seg_row_model_parent_class)->finalize (object);
}

static void
seg_row_model_class_init (SegRowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seg_row_model_finalize;
}

static void
seg_row_model_init (SegRowModel *self)
{
}

SegRowModel *
seg_row_model_new (SegTable *table,
                   guint     max_rows)
{
  SegRowModel *self;
  guint64 n;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (SEG_TYPE_ROW_MODEL, NULL);
  self->table = seg_table_ref (table);
  n = seg_table_get_n_rows (table);
  if (max_rows > 0 && n > max_rows)
    n = max_rows;
  self->n_items = (guint) MIN (n, G_MAXUINT);
  self->items = g_ptr_array_new_full (self->n_items, unref_item);
  g_ptr_array_set_size (self->items, self->n_items);
  return self;
}
