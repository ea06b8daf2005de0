package kz.citizenrequests.casework;

import kz.citizenrequests.shared.Problem;
import kz.citizenrequests.shared.ProblemException;

import java.util.List;

/** 422: a well-formed command that the rules of the domain refuse (e.g. an extension beyond two months). */
public class DomainRefusalException extends ProblemException {

    public DomainRefusalException(String slug, String title, String field, String detail) {
        super(422, slug, title, detail, List.of(new Problem.FieldError(field, detail)));
    }
}
