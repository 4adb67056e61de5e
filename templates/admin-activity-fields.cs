<?cs # admin-activity-fields.cs — a draft activity's fields, inside the form of the new-activity page
  and of a draft's page: the whole activity as the public will see it.
  needs: Activity.slug Activity.title Activity.goal Activity.starts_on
    Regions MayProvince
?><label>网址名（小写字母、数字和连字符，用于 /activities/网址名） <input type="text" name="slug" required <?cs #
?>maxlength="40" pattern="[a-z0-9][a-z0-9-]+" value="<?cs var:Activity.slug ?>"></label>
<label>标题 <input type="text" name="title" required maxlength="40" value="<?cs var:Activity.title ?>"></label>
<label>目标金额（元） <input type="text" name="goal_yuan" required inputmode="decimal" maxlength="12" value="<?cs
  var:Activity.goal ?>"></label>
<label>开始日期 <input name="from" type="date" required value="<?cs var:Activity.starts_on ?>"></label>
<label>地区 <select name="region"><?cs if:MayProvince == 1 ?><option value="">全省</option><?cs /if ?><?cs
  uvar:Regions ?></select></label>
