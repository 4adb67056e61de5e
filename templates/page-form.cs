<?cs # page-form.cs — the fields of a new personal fundraising page, inside /pages/new's form and
  /admin/pages/new's (a spokesperson's); refused input comes back with what was typed.
  needs: Kinds.*.code Kinds.*.label Activities.*.slug Activities.*.title Form.child_yuan
    Invalid.Typed
?><?cs include:"fields.cs" ?><label for="f-page_kind">页面类型</label>
<select<?cs call:field("page_kind") ?> required><?cs each:k = Kinds ?><option value="<?cs
  var:k.code ?>"<?cs if:Invalid.Typed.page_kind == k.code ?> selected<?cs /if ?>><?cs
  var:k.label ?></option><?cs /each ?></select><?cs call:field_error("page_kind") ?>
<label for="f-slug">支持的专题活动（类型为专题活动时必选）</label>
<select<?cs call:field("slug") ?>><option value="">（不适用）</option><?cs
  each:a = Activities ?><option value="<?cs
  var:a.slug ?>"<?cs if:Invalid.Typed.slug == a.slug ?> selected<?cs /if ?>><?cs
  var:a.title ?></option><?cs /each ?></select><?cs call:field_error("slug") ?>
<label for="f-children">助养孩子人数（类型为助养孩子时必填，目标为每名孩子<?cs #
  ?> <?cs var:Form.child_yuan ?> 元）</label>
<input type="text"<?cs call:field("children") ?><?cs call:typed("children") ?><?cs #
  ?> inputmode="numeric" maxlength="2"><?cs call:field_error("children") ?>
<label for="f-goal_yuan">目标金额（元，助养孩子的页面不填）</label>
<input type="text"<?cs call:field("goal_yuan") ?><?cs call:typed("goal_yuan") ?><?cs #
  ?> inputmode="decimal" maxlength="12"><?cs call:field_error("goal_yuan") ?>
<label for="f-title">标题（最多 40 字）</label>
<input type="text"<?cs call:field("title") ?><?cs call:typed("title") ?> maxlength="40"<?cs #
  ?> required><?cs call:field_error("title") ?>
<label for="f-text">发起的理由（最多 2000 字，纯文字）</label>
<textarea<?cs call:field("text") ?> rows="8" maxlength="2000" required><?cs
  var:Invalid.Typed.text ?></textarea><?cs call:field_error("text") ?>
<label for="f-to">截止日期（今天以后，一年以内）</label>
<input<?cs call:field("to") ?><?cs call:typed("to") ?> type="date"<?cs #
  ?> aria-required="true"><?cs call:field_error("to") ?>
<label for="f-display_name">页面上显示的发起人名称（最多 32 字）</label>
<input type="text"<?cs call:field("display_name") ?> maxlength="32" required><?cs
  call:field_error("display_name") ?>
