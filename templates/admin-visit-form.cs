<?cs # admin-visit-form.cs — the visit form's fields, inside the form of the new-visit page and of
  the visit page's edit: small, no script, one column on a phone; refused, what was typed.
  needs: Visit.visited_on Visit.paired_on Visit.today Kinds.*.code Kinds.*.label Visit.kind
    Cares.*.code Cares.*.label Cares.*.on Visit.given_what Visit.given Visit.summary Visit.note
    Invalid.Typed
?><?cs include:"fields.cs" ?><label>探访日期 <input type="date"<?cs call:field("date") ?> aria-required="true" min="<?cs
  var:Visit.paired_on ?>" max="<?cs var:Visit.today ?>" value="<?cs call:again("date", Visit.visited_on) ?>"><?cs
  call:field_error("date") ?></label>
<?cs if:?Invalid.Typed.kind ?><?cs set:Visit.kind = Invalid.Typed.kind ?><?cs /if ?><?cs #
?><label>探访方式 <select<?cs call:field("kind") ?>><?cs each:k = Kinds ?><option value="<?cs
  var:k.code ?>"<?cs if:Visit.kind == k.code ?> selected<?cs /if ?>><?cs var:k.label ?></option><?cs
  /each ?></select><?cs call:field_error("kind") ?></label>
<fieldset><legend>关爱内容（至少选一项）</legend><?cs each:k = Cares ?>
<label class="tick"><input type="checkbox" name="care_<?cs var:k.code ?>" value="1"<?cs
  if:k.on ?> checked<?cs /if ?>> <?cs var:k.label ?></label><?cs /each ?>
</fieldset>
<label>送出的物品（选填） <input type="text"<?cs call:field("given_what") ?> maxlength="100" <?cs #
  ?>placeholder="如：学习用品、米油" value="<?cs call:again("given_what", Visit.given_what) ?>"><?cs
  call:field_error("given_what") ?></label>
<label>送出的现金（元，选填） <input type="text"<?cs call:field("given_yuan") ?><?cs #
  ?> inputmode="decimal" maxlength="12" value="<?cs call:again("given_yuan", Visit.given) ?>"><?cs
  call:field_error("given_yuan") ?></label>
<label>写给捐赠人的探访摘要（20–500 字） <textarea<?cs call:field("summary") ?> required<?cs #
  ?> minlength="20" maxlength="500" rows="6"><?cs call:again("summary", Visit.summary) ?></textarea><?cs
  call:field_error("summary") ?></label>
<p class="fine">捐赠人会读到这段话。请不要写孩子和家人的真实姓名、电话、QQ 或微信、身份证号、学校和村镇的名称。</p>
<label>给工作人员的备注（选填，捐赠人看不到） <textarea<?cs call:field("staff_note") ?><?cs #
  ?> maxlength="500" rows="3"><?cs call:again("staff_note", Visit.note) ?></textarea><?cs
  call:field_error("staff_note") ?></label>
