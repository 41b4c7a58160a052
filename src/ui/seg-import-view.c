/* seg-import-view.c — the files, their roles, dialects and problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-import-view"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-import-view.h"
#include "seg-ui-format.h"

struct _SegImportView
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkLabel  *summary_label;
  GtkButton *apply_button;
  GtkLabel  *notices_label;
  GtkBox    *cards_box;

  GPtrArray *cards;    /* SegFileCard*, not owned (children of cards_box) */
  gboolean   busy;
};

G_DEFINE_FINAL_TYPE (SegImportView, seg_import_view, GTK_TYPE_WIDGET)

enum { APPLY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_summary (SegImportView *self)
{
  g_autofree char *text = NULL;
  gboolean any_used = FALSE;

  for (guint i = 0; i < self->cards->len; i++)
    any_used |= seg_file_card_get_role (g_ptr_array_index (self->cards, i)) != SEG_FILE_ROLE_UNKNOWN;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u file. Check what each holds and what its columns mean, then build the customer table.",
                                       "%u files. Check what each holds and what its columns mean, then build the customer table.",
                                       self->cards->len),
                          self->cards->len);
  gtk_label_set_text (self->summary_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), any_used && !self->busy);
}

static void
card_changed_cb (SegImportView *self)
{
  update_summary (self);
}

static void
apply_clicked_cb (SegImportView *self)
{
  g_signal_emit (self, signals[APPLY], 0);
}

static void
add_card (SegImportView *self,
          GtkWidget     *card)
{
  g_signal_connect_swapped (card, "changed", G_CALLBACK (card_changed_cb), self);
  gtk_box_append (self->cards_box, card);
  g_ptr_array_add (self->cards, card);
  update_summary (self);
}

static void
seg_import_view_dispose (GObject *object)
{
  SegImportView *self = SEG_IMPORT_VIEW (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_IMPORT_VIEW);
  G_OBJECT_CLASS (seg_import_view_parent_class)->dispose (object);
}

static void
seg_import_view_class_init (SegImportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_import_view_dispose;
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-import-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SegImportView, scroller);
  gtk_widget_class_bind_template_child (widget_class, SegImportView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportView, apply_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportView, notices_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportView, cards_box);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
seg_import_view_init (SegImportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_ptr_array_new ();
  update_summary (self);
}

void
seg_import_view_clear (SegImportView *self)
{
  GtkWidget *child;

  g_return_if_fail (SEG_IS_IMPORT_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_box_remove (self->cards_box, child);
  g_ptr_array_set_size (self->cards, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->notices_label), FALSE);
  update_summary (self);
}

void
seg_import_view_set_dataset (SegImportView *self,
                             SegDataset    *dataset)
{
  GPtrArray *notices;

  g_return_if_fail (SEG_IS_IMPORT_VIEW (self));
  g_return_if_fail (dataset != NULL);

  seg_import_view_clear (self);
  for (guint i = 0; i < seg_dataset_get_n_inputs (dataset); i++)
    {
      const SegInputInfo *info = seg_dataset_get_input (dataset, i);
      add_card (self, seg_file_card_new (info->table, FALSE, info->role, info->role_reason,
                                         info->proposal, info));
    }
  notices = seg_dataset_get_notices (dataset);
  if (notices && notices->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      for (guint i = 0; i < notices->len; i++)
        {
          g_autofree char *notice = seg_ui_format_group_counts (g_ptr_array_index (notices, i));
          g_string_append_printf (text, "%s• %s", i ? "\n" : "", notice);
        }
      gtk_label_set_text (self->notices_label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->notices_label), TRUE);
    }
}

void
seg_import_view_add_table (SegImportView      *self,
                           SegTable           *table,
                           const SegRoleGuess *guess)
{
  g_return_if_fail (SEG_IS_IMPORT_VIEW (self));
  g_return_if_fail (table != NULL && guess != NULL);

  add_card (self, seg_file_card_new (table, TRUE, guess->role, guess->reason, guess->proposal, NULL));
}

void
seg_import_view_set_busy (SegImportView *self,
                          gboolean       busy)
{
  g_return_if_fail (SEG_IS_IMPORT_VIEW (self));
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cards_box), !busy);
  update_summary (self);
}

guint
seg_import_view_get_n_files (SegImportView *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_VIEW (self), 0);
  return self->cards->len;
}

GPtrArray *
seg_import_view_dup_files (SegImportView *self)
{
  GPtrArray *files;

  g_return_val_if_fail (SEG_IS_IMPORT_VIEW (self), NULL);

  files = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_import_file_free);
  for (guint i = 0; i < self->cards->len; i++)
    {
      SegFileCard *card = g_ptr_array_index (self->cards, i);
      if (seg_file_card_get_role (card) != SEG_FILE_ROLE_UNKNOWN)
        g_ptr_array_add (files, seg_file_card_dup_import_file (card));
    }
  return files;
}

GStrv
seg_import_view_dup_maps (SegImportView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SEG_IS_IMPORT_VIEW (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    {
      g_autofree char *map = seg_file_card_dup_map (g_ptr_array_index (self->cards, i));
      if (map)
        g_strv_builder_add (builder, map);
    }
  return g_strv_builder_end (builder);
}
