<?cs # page-form.cs — the fields of a new personal fundraising page, inside /pages/new's form and
  /admin/pages/new's (a spokesperson's).
  needs: Kinds.*.code Kinds.*.label Activities.*.slug Activities.*.title Form.child_yuan
?><label for="page_kind">页面类型</label>
<select id="page_kind" name="page_kind" required><?cs each:k = Kinds ?><option value="<?cs
  var:k.code ?>"><?cs var:k.label ?></option><?cs /each ?></select>
<label for="slug">支持的专题活动（类型为专题活动时必选）</label>
<select id="slug" name="slug"><option value="">（不适用）</option><?cs each:a = Activities ?><option value="<?cs
  var:a.slug ?>"><?cs var:a.title ?></option><?cs /each ?></select>
<label for="children">助养孩子人数（类型为助养孩子时必填，目标为每名孩子 <?cs var:Form.child_yuan ?> 元）</label>
<input type="text" id="children" name="children" inputmode="numeric" maxlength="2">
<label for="goal_yuan">目标金额（元，助养孩子的页面不填）</label>
<input type="text" id="goal_yuan" name="goal_yuan" inputmode="decimal" maxlength="12">
<label for="title">标题（最多 40 字）</label>
<input type="text" id="title" name="title" maxlength="40" required>
<label for="text">发起的理由（最多 2000 字，纯文字）</label>
<textarea id="text" name="text" rows="8" maxlength="2000" required></textarea>
<label for="to">截止日期（今天以后，一年以内）</label>
<input id="to" name="to" type="date" required>
<label for="display_name">页面上显示的发起人名称（最多 32 字）</label>
<input type="text" id="display_name" name="display_name" maxlength="32" required>
