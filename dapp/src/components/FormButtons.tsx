/** A button of a form: without onClick it submits the form. */
export type FormAction = { label: string; onClick?: () => void; disabled?: boolean | undefined };

/** A form's way on (the primary button) and, if it has one, its way back or aside. */
export function FormButtons({ primary, other }: { primary: FormAction; other?: FormAction }) {
  return (
    <div className="row">
      <button
        type={primary.onClick ? "button" : "submit"}
        className="button primary"
        disabled={primary.disabled}
        onClick={primary.onClick}
      >
        {primary.label}
      </button>
      {other ? (
        <button
          type="button"
          className="button ghost"
          onClick={other.onClick}
          disabled={other.disabled}
        >
          {other.label}
        </button>
      ) : null}
    </div>
  );
}
